import { hasNul, NUL_MESSAGE } from "~/services/shared/nul-characters";

const badRequest = (message: string) => new Response(message, { status: 400, statusText: "Bad Request" });

/**
 * The one way an action reads its form. A body that is not a form (a broken multipart boundary,
 * JSON sent to a page) or that carries a NUL character (which PostgreSQL refuses) is the
 * sender's mistake: a 400 the error boundary explains, not a 500.
 */
export async function readForm(request: Request): Promise<FormData> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw badRequest("This form could not be read. Reload the page and send it again.");
  }
  for (const [name, value] of form) {
    if (hasNul(name) || (typeof value === "string" && hasNul(value))) {
      throw badRequest(`${NUL_MESSAGE} from the form, then send it again.`);
    }
  }
  return form;
}
