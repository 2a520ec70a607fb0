import { data, redirect } from "@remix-run/node";
import { Refused } from "~/services/shared/errors";

/**
 * Runs one booking write for a form. Success goes to the booking's page with a banner (POST →
 * redirect → GET, so a reload never posts twice; a repeated key lands on the same booking); a
 * refusal comes back for the alert at the top of the form, with its code for the way forward.
 */
export async function submitBooking<Extra extends Record<string, string> = Record<never, string>>(
  work: () => Promise<{ booking: { id: string } }>,
  notice: "booked" | "cancelled" | "moved" | "undone",
  extra: Extra = {} as Extra,
) {
  try {
    const { booking } = await work();
    return redirect(`/bookings/${booking.id}?${notice}=1`);
  } catch (error) {
    if (error instanceof Refused)
      return data(
        { ...(extra as Extra), refusal: { code: error.code, message: error.message } },
        { status: error.status },
      );
    throw error;
  }
}
