import { parseWithZod } from "@conform-to/zod";
import { data, redirect } from "@remix-run/node";
import type { StudioActor } from "~/services/identity/actor.server";
import { BlockSchema, ExtraHoursSchema, RemoveSchema, TimeOffSchema } from "~/services/schedule/availability.schema";
import {
  addExtraHours,
  addTimeOff,
  type EditOutcome,
  removeBlock,
  removeException,
  saveBlock,
} from "~/services/schedule/availability-editor.server";
import { readForm } from "./read-form.server";

/**
 * The editor's form posts, shared by /availability and /team/:id/availability: each small form
 * names its intent; a change that would strand booked sessions comes back as a confirmation
 * carrying the submitted fields, to be sent again with `confirmed`.
 */
export async function handleAvailabilityForm(
  request: Request,
  { tenant, actor }: StudioActor,
  instructorId: string,
  basePath: string,
) {
  const formData = await readForm(request);
  const intent = String(formData.get("intent") ?? "");
  const finish = (outcome: EditOutcome, reply: (fieldErrors: Record<string, string[]>) => unknown) => {
    if (outcome.ok) return redirect(`${basePath}?done=${outcome.kept.length > 0 ? "kept" : "saved"}`);
    if (outcome.reason === "clash")
      return data({ intent, result: reply({ start: [outcome.message] }) }, { status: 409 });
    const fields = Object.fromEntries([...formData].map(([name, value]) => [name, String(value)]));
    return data({ intent, confirm: { sessions: outcome.sessions, fields } }, { status: 409 });
  };

  if (intent === "block") {
    const submission = parseWithZod(formData, { schema: BlockSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    const outcome = await saveBlock(tenant, actor, instructorId, submission.value);
    return finish(outcome, (fieldErrors) => submission.reply({ fieldErrors }));
  }
  if (intent === "time-off") {
    const submission = parseWithZod(formData, { schema: TimeOffSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    const outcome = await addTimeOff(tenant, actor, instructorId, submission.value);
    return finish(outcome, (fieldErrors) => submission.reply({ fieldErrors }));
  }
  if (intent === "extra-hours") {
    const submission = parseWithZod(formData, { schema: ExtraHoursSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    const outcome = await addExtraHours(tenant, actor, instructorId, submission.value);
    return finish(outcome, (fieldErrors) => submission.reply({ fieldErrors }));
  }
  if (intent === "remove-block" || intent === "remove-exception") {
    const submission = parseWithZod(formData, { schema: RemoveSchema });
    if (submission.status !== "success") throw new Response("Unknown item", { status: 400 });
    const { id, confirmed } = submission.value;
    const outcome =
      intent === "remove-block"
        ? await removeBlock(tenant, actor, instructorId, id, confirmed)
        : await removeException(tenant, actor, instructorId, id, confirmed);
    return finish(outcome, (fieldErrors) => submission.reply({ fieldErrors }));
  }
  throw new Response("Unknown action", { status: 400 });
}

export const NOTICES = {
  saved: "Saved.",
  kept: "Saved. The booked sessions outside the new hours are kept: those clients are still expected.",
} as const;

export function noticeFor(request: Request) {
  const done = new URL(request.url).searchParams.get("done");
  return done && done in NOTICES ? NOTICES[done as keyof typeof NOTICES] : null;
}
