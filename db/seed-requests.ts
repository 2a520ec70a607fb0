import { DateTime } from "luxon";
import { listBookingRequests } from "../app/models/booking-request.server";
import { findLocationById } from "../app/models/location.server";
import { listServices } from "../app/models/service.server";
import { findUserByEmail } from "../app/models/user.server";
import { createBookingRequest } from "../app/services/requests/create.server";
import type { Tenant } from "../app/services/tenancy/tenant.server";
import type { Db } from "./client";

/**
 * One booking request waiting in Priya's queue (and the studio's), so /teaching and the request
 * pages show something on a fresh demo: Chloé asks for a Reformer Pilates Private at 11:00 in
 * three and four days. Made through the requests service (Priya is told), and only when the
 * studio has no requests at all, so restarts add nothing.
 */
export async function seedRequests(db: Db, tenant: Tenant, now = new Date()) {
  if ((await listBookingRequests(db, tenant, { limit: 1 })).length > 0) return;
  const [chloe, priya] = await Promise.all([
    findUserByEmail(db, tenant, "chloe@demo.test"),
    findUserByEmail(db, tenant, "priya@demo.test"),
  ]);
  const service = (await listServices(db, tenant, { type: "session" })).find((s) => s.bookingMode === "instructor_led");
  const location = service?.locationIds[0] ? await findLocationById(db, tenant, service.locationIds[0]) : undefined;
  if (!chloe || !priya || !service || !location) return;
  const day = DateTime.fromJSDate(now, { zone: location.timezone }).startOf("day").plus({ days: 3 }).set({ hour: 11 });
  await createBookingRequest(
    tenant,
    chloe,
    {
      serviceId: service.id,
      locationId: location.id,
      instructorId: priya.id,
      preferredTimes: [day.toJSDate(), day.plus({ days: 1 }).toJSDate()],
      notes: "My first private session: I'd like to work on my core.",
    },
    now,
  );
}
