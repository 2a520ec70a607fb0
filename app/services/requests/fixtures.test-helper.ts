import { listRecentOutboxMessages } from "~/models/outbox.server";
import { insertService } from "~/models/service.server";
import { bookingStudio } from "~/services/booking/fixtures.test-helper";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { createBookingRequest } from "./create.server";

/**
 * The booking studio plus an instructor-led "Private" session at the main location, a second
 * instructor there (both free Mondays 09:00–17:00), a manager of each location and a receptionist.
 */
export async function requestStudio() {
  const s = await bookingStudio();
  const db = database();
  const privateSession = await insertService(db, s.tenant, {
    name: "Private",
    type: "session",
    durationMinutes: 60,
    locationIds: [s.main.id],
    bookingMode: "instructor_led",
    selfBookingEnabled: false,
  });
  const other = (await s.person("instructor", [s.main.id])) as User;
  await s.block(other.id, 1, "09:00", "17:00");
  const manager = (await s.person("location_manager", [s.main.id])) as User;
  const farManager = (await s.person("location_manager", [s.second.id])) as User;
  const receptionist = (await s.person("receptionist", [s.main.id])) as User;
  const instructor = s.instructor as User;
  /** A client's request for the Private session, at `times` ("10:00") on the fixture's Monday. */
  const ask = (client: User, options: { times?: string[]; instructorId?: string | null; now?: Date } = {}) =>
    createBookingRequest(
      s.tenant,
      client,
      {
        serviceId: privateSession.id,
        locationId: s.main.id,
        instructorId: options.instructorId === undefined ? instructor.id : options.instructorId,
        preferredTimes: (options.times ?? ["10:00", "11:00"]).map((t) => s.at(t)),
        notes: "Knee is fine now",
      },
      options.now,
    );
  /** The messages of one template, with their recipients. */
  const messages = async (template: string) =>
    (await listRecentOutboxMessages(db, s.tenant, 500)).filter((m) => m.template === template);
  /** The proposal link's token, as the client's email carries it. */
  const proposalToken = async (requestId: string) => {
    const sent = await messages("request_proposed");
    const body = sent.find((m) => m.channel === "email" && m.body.includes(requestId))?.body ?? "";
    const token = body.match(/proposal\/([A-Za-z0-9_-]+)/)?.[1];
    if (!token) throw new Error("no proposal link was sent");
    return token;
  };
  return { ...s, privateSession, instructor, other, manager, farManager, receptionist, ask, messages, proposalToken };
}
