import { updateClient } from "~/models/client.server";
import { bookClass } from "~/services/booking/engine.server";
import { bookingStudio } from "~/services/booking/fixtures.test-helper";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";

/**
 * The booking studio with a desk: a receptionist at the main location and Ada Lovelace, a
 * client with a name, an email and a phone to search by, booked into the 18:00 Yoga class.
 */
export async function deskStudio() {
  const s = await bookingStudio();
  const desk = await s.person("receptionist", [s.main.id]);
  const named = async (fullName: string, email: string, phone: string | null = null) => {
    const client = await s.client(5);
    await updateClient(database(), s.tenant, client.id, { fullName, email, phone });
    return { ...client, fullName, email, phone } as User;
  };
  const ada = await named("Ada Lovelace", `ada.${s.tenant.studio.slug}@engine.example`, "+44 7700 900101");
  const { booking } = await bookClass(s.tenant, ada, { occurrenceId: s.yogaClass.id }, { now: s.at("09:00") });
  return { ...s, desk, named, ada, adasBooking: booking };
}
