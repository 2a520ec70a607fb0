import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { answerOnce } from "~/services/identity/answer-once.server";
import {
  ApiError,
  allowMethods,
  readJson,
  requireApiActor,
  requireId,
  withApiErrors,
} from "~/services/identity/api.server";
import { ParqSubmissionSchema } from "~/services/people/parq.schema";
import { readParqRecord, submitParq } from "~/services/people/parq.server";

const noStore = { "Cache-Control": "no-store" };

// GET /api/clients/:id/parq — the answers: the client themself, or staff with parq.view.
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const { tenant, actor } = await requireApiActor(request);
    const record = await readParqRecord(tenant, actor, requireId(params.id));
    return Response.json(record, { headers: noStore });
  });
}

// POST /api/clients/:id/parq — only the client themself: { answers: boolean[7], declarationName }.
// Each submission is a new signed declaration, so a retried one must not be a second.
export async function action({ request, params }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    allowMethods(request, ["GET", "POST"]);
    const { tenant, actor } = await requireApiActor(request);
    const clientId = requireId(params.id);
    return answerOnce(tenant, actor, request, async (request) => {
      const submission = await readJson(request, ParqSubmissionSchema);
      const outcome = await submitParq(tenant, actor, clientId, submission);
      if (!outcome.ok) {
        throw new ApiError(400, "VALIDATION_ERROR", "Some fields are not valid", {
          declarationName: ["Type your full name exactly as it is on your account"],
        });
      }
      const record = await readParqRecord(tenant, actor, clientId);
      return Response.json({ latest: record.latest, history: record.history }, { status: 201, headers: noStore });
    });
  });
}
