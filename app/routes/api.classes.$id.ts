import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { readOptionalJson } from "~/route-handlers/booking-api.server";
import { cancelOccurrence } from "~/services/booking/class-cancellation.server";
import { changeClassDate } from "~/services/booking/class-change.server";
import {
  ApiError,
  allowMethods,
  readJson,
  requireApiActor,
  requireApiTenant,
  requireId,
  withApiErrors,
} from "~/services/identity/api.server";
import { conflictJson } from "~/services/schedule/class-json";
import { CancelClassDateSchema, ClassDateChangeSchema } from "~/services/schedule/class-series.schema";
import { classDetail } from "~/services/schedule/timetable.server";
import { classDetailJson } from "~/services/schedule/timetable-json";

/** GET /api/classes/:id: one class's details; public, 404 for anything not a class here. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withApiErrors(async () => {
    const tenant = await requireApiTenant(request);
    const detail = await classDetail(tenant, requireId(params.id));
    return Response.json({ class: classDetailJson(detail) });
  });
}

/**
 * PATCH { startsAt?, instructorId?, capacity? } changes this one date; DELETE { reason? }
 * cancels it as POST …/cancel does (the row stays, cancelled). Both answer the class as it is now.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return withApiErrors(async () => {
    allowMethods(request, ["GET", "PATCH", "DELETE"]);
    const { tenant, actor } = await requireApiActor(request);
    const id = requireId(params.id);
    if (request.method === "DELETE") {
      const { reason } = await readOptionalJson(request, CancelClassDateSchema);
      await cancelOccurrence(tenant, actor, id, reason);
    } else {
      const outcome = await changeClassDate(tenant, actor, id, await readJson(request, ClassDateChangeSchema));
      if (!outcome.ok && outcome.reason === "conflict")
        return Response.json(conflictJson(outcome.conflicts), {
          status: 409,
          headers: { "Cache-Control": "no-store" },
        });
      if (!outcome.ok)
        throw new ApiError(400, "VALIDATION_ERROR", "Some fields are not valid", {
          [outcome.refusal.field]: [outcome.refusal.message],
        });
    }
    return Response.json(
      { class: classDetailJson(await classDetail(tenant, id)) },
      { headers: { "Cache-Control": "no-store" } },
    );
  });
}
