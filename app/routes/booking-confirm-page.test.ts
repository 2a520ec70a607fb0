import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { describe, expect, test } from "vitest";
import { insertService } from "~/models/service.server";
import { bookSession } from "~/services/booking/engine.server";
import { bookingStudio } from "~/services/booking/fixtures.test-helper";
import { signIn } from "~/services/identity/auth.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { action, loader } from "./bookings.$id";

/**
 * The booking page's Confirm form, posted as a browser without JavaScript sends it: only the
 * side whose decision it is sees and may use it; an owner or manager overriding gives a reason.
 */

type Studio = Awaited<ReturnType<typeof bookingStudio>>;

async function request(s: Studio, as: User, id: string, fields?: Record<string, string>) {
  const host = `${s.tenant.studio.slug}.localhost`;
  const cookie = ((await signIn(s.tenant, as)).headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  return new Request(`http://${host}/bookings/${id}`, {
    method: fields ? "POST" : "GET",
    headers: { host, cookie, "content-type": "application/x-www-form-urlencoded" },
    body: fields ? new URLSearchParams(fields) : undefined,
  });
}

const context = { requestId: "t", clientIp: "127.0.0.1" };

async function page(s: Studio, as: User, id: string) {
  const args = { request: await request(s, as, id), params: { id }, context } as LoaderFunctionArgs;
  // The page answers with `data()` (it sets the offline worker's header for a client's own).
  return (await loader(args)).data;
}

async function post(s: Studio, as: User, id: string, fields: Record<string, string>) {
  const args = { request: await request(s, as, id, fields), params: { id }, context } as ActionFunctionArgs;
  const result = await action(args);
  if (result instanceof Response) return { status: result.status, location: result.headers.get("location") };
  const { init, data } = result as unknown as {
    init?: { status?: number };
    data: { refusal: { code: string } | null; result?: { error?: Record<string, string[]> } };
  };
  return { status: init?.status ?? 200, refusal: data.refusal?.code, errors: data.result?.error };
}

describe("confirming on the booking's page", () => {
  test("the desk sees whose it is; the instructor confirms; a manager overrides with a reason", async () => {
    const s = await bookingStudio();
    const desk = (await s.person("receptionist", [s.main.id])) as User;
    const manager = (await s.person("location_manager", [s.main.id])) as User;
    const instructor = s.instructor as User;
    const led = await insertService(database(), s.tenant, {
      name: "Coached PT",
      type: "session",
      durationMinutes: 60,
      locationIds: [s.main.id],
      bookingMode: "instructor_led",
    });
    const client = await s.client(2);
    const book = async (time: string) =>
      (
        await bookSession(s.tenant, desk, {
          serviceId: led.id,
          locationId: s.main.id,
          startsAt: s.at(time),
          clientId: client.id,
          instructorId: instructor.id,
        })
      ).booking.id;
    const first = await book("10:00");

    expect(await page(s, desk, first)).toMatchObject({ canConfirm: false, confirmWaiting: expect.any(String) });
    expect(await post(s, desk, first, { intent: "confirm" })).toMatchObject({
      status: 403,
      refusal: "WAITS_FOR_INSTRUCTOR",
    });
    expect(await page(s, instructor, first)).toMatchObject({ canConfirm: true, confirmNeedsReason: false });
    expect(await post(s, instructor, first, { intent: "confirm" })).toEqual({
      status: 302,
      location: `/bookings/${first}?confirmed=1`,
    });
    expect((await page(s, desk, first)).booking).toMatchObject({
      status: "confirmed",
      confirmedBy: { id: instructor.id },
      confirmationOverrideReason: null,
    });

    const second = await book("12:00");
    expect(await page(s, manager, second)).toMatchObject({ canConfirm: true, confirmNeedsReason: true });
    expect(await post(s, manager, second, { intent: "confirm", reason: "" })).toMatchObject({
      status: 422,
      errors: { reason: [expect.stringContaining("say why")] },
    });
    expect(
      await post(s, manager, second, { intent: "confirm", reason: "Agreed with the instructor by phone" }),
    ).toEqual({
      status: 302,
      location: `/bookings/${second}?confirmed=1`,
    });
    const shown = await page(s, desk, second);
    expect(shown.booking).toMatchObject({
      confirmedBy: { id: manager.id, name: manager.fullName },
      confirmationOverrideReason: "Agreed with the instructor by phone",
    });
    expect(shown.confirmedOn).toEqual(expect.any(String));
  });
});
