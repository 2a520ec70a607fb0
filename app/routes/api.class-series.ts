import type { ActionFunctionArgs } from "@remix-run/node";
import { answerOnce } from "~/services/identity/answer-once.server";
import {
  ApiError,
  allowMethods,
  methodNotAllowed,
  readJson,
  requireApiActor,
  withApiErrors,
} from "~/services/identity/api.server";
import { classSeriesJson, conflictJson } from "~/services/schedule/class-json";
import { ClassSeriesSchema } from "~/services/schedule/class-series.schema";
import { type ScheduleRefusal, scheduleClass } from "~/services/schedule/class-series-admin.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { User } from "~db/schema/tenant";

const REFUSALS: Record<ScheduleRefusal, [string, string]> = {
  "service-not-here": ["serviceId", "This class is not offered at that location"],
  "instructor-not-here": ["instructorId", "This instructor does not teach at that location"],
  "past-midnight": ["startTime", "The class must end by midnight"],
};

// POST /api/class-series — a recurring class and its coming occurrences, all or nothing; once per Idempotency-Key.
export async function action({ request }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    allowMethods(request, ["POST"]);
    const { tenant, actor } = await requireApiActor(request);
    return answerOnce(tenant, actor, request, (request) => schedule(tenant, actor, request));
  });
}

/** The scheduling itself: its answer is what a repeat with the same key gets back. */
async function schedule(tenant: Tenant, actor: User, request: Request) {
  const outcome = await scheduleClass(tenant, actor, await readJson(request, ClassSeriesSchema));
  if (outcome.ok) {
    const { series, occurrences } = outcome.value;
    return Response.json(
      { series: classSeriesJson(series), occurrenceIds: occurrences.map((o) => o.id) },
      { status: 201 },
    );
  }
  if (outcome.reason === "conflict") return Response.json(conflictJson(outcome.conflicts), { status: 409 });
  if (outcome.reason === "outside-opening-hours") {
    const message = `The class is outside ${outcome.opening}.${outcome.mayOverride ? " Send overrideOpeningHours: true to schedule it anyway." : ""}`;
    throw new ApiError(409, "OUTSIDE_OPENING_HOURS", message, { startTime: [message] });
  }
  const [field, message] = REFUSALS[outcome.reason];
  throw new ApiError(400, "VALIDATION_ERROR", "Some fields are not valid", { [field]: [message] });
}

// GET is not one of this route's operations: a JSON 405 naming what is.
export async function loader() {
  return methodNotAllowed(["POST"]);
}
