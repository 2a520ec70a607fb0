import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import { findIntroSignup, findLatestIntroSignupOfClient } from "~/models/intro-signup.server";
import { findPayment } from "~/models/payment.server";
import { bookSession } from "~/services/booking/engine.server";
import { clientCredits } from "~/services/credits/ledger.server";
import { createPackage, editPackage, packagesPage } from "~/services/credits/packages.server";
import { takeDeskPayment } from "~/services/payments/desk.server";
import { type FakeStripe, withFakeStripe } from "~/services/payments/fake-stripe.test-helper";
import { buyPackage } from "~/services/payments/purchase.server";
import { endPayment, settlePayment } from "~/services/payments/settle.server";
import { Forbidden, NotFound, Refused } from "~/services/shared/errors";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { introStudio } from "./intro.test-helper";
import { introPage, takeIntroOffer } from "./offer.server";
import { cancelIntro, introQueue, matchIntro } from "./queue.server";

let stripe: FakeStripe;
withFakeStripe((fake) => {
  stripe = fake;
});
beforeEach(() => {
  stripe.requests.length = 0;
});

const checkoutRequests = () => stripe.requests.filter((r) => r.method === "POST" && r.path === "/v1/checkout/sessions");

/** The refusal `work` throws (failing the test when it does not). */
async function refusal(work: Promise<unknown>) {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Refused);
  return error as Refused;
}

/** A studio taking cards online, with a new client who signed up and paid online. */
async function paidSignup() {
  const s = await introStudio({ stripeAccountId: stripe.connectedAccount().id });
  const client = await s.newClient();
  await takeIntroOffer(s.tenant, client, s.preferences());
  const signup = await findLatestIntroSignupOfClient(database(), s.tenant, client.id);
  await database().transaction((tx) => settlePayment(tx, s.tenant, signup?.paymentId as string, { at: new Date() }));
  return { s, client, signup: signup as NonNullable<typeof signup> };
}

const match = (signupId: string, instructorId: string, date: string, time: string) => ({
  intent: "match" as const,
  idempotencyKey: crypto.randomUUID(),
  signupId,
  instructorId,
  date,
  time,
});

describe("publishing the intro offer", () => {
  const input = (serviceIds: string[], extra = {}) => ({
    name: "Intro",
    credits: 1,
    priceMinor: 3900,
    validDays: 30,
    locationIds: [],
    serviceIds,
    introOffer: true,
    ...extra,
  });

  test("the owner publishes a package for exactly one 1:1 session; two services, a class or a free one is refused next to the box", async () => {
    const s = await introStudio();
    const message = { ok: false, fieldErrors: { introOffer: [expect.stringMatching(/exactly one 1:1 session/)] } };
    expect(await createPackage(s.tenant, s.owner, input([s.session.id, s.yoga.id]))).toEqual(message);
    expect(await createPackage(s.tenant, s.owner, input([s.yoga.id]))).toEqual(message);
    expect(await createPackage(s.tenant, s.owner, input([]))).toEqual(message);
    expect(await createPackage(s.tenant, s.owner, input([s.session.id], { priceMinor: 0 }))).toMatchObject({
      ok: false,
      fieldErrors: { introOffer: [expect.stringMatching(/has a price/)] },
    });
    const made = await createPackage(s.tenant, s.owner, input([s.session.id]));
    expect(made).toMatchObject({ ok: true, package: { introOffer: true, serviceIds: [s.session.id] } });
  });

  test("only the owner publishes it; a manager's edit keeps the owner's choice, and the offer is not sold on the packages page", async () => {
    const s = await introStudio();
    const manager = await s.person("location_manager", [s.main.id]);
    const local = { locationIds: [s.main.id] };
    expect(await createPackage(s.tenant, manager, input([s.session.id], local))).toMatchObject({
      ok: false,
      fieldErrors: { introOffer: ["Only the owner publishes or withdraws the intro offer."] },
    });
    const pack = await createPackage(s.tenant, s.owner, input([s.session.id], local));
    if (!pack.ok) throw new Error("not created");
    const edited = await editPackage(
      s.tenant,
      manager,
      pack.package.id,
      input([s.session.id], { ...local, name: "Intro 2", introOffer: false }),
    );
    expect(edited).toMatchObject({ ok: true, package: { name: "Intro 2", introOffer: true } });
    const client = await s.newClient();
    const onSale = (await packagesPage(s.tenant, client)).onSale.find((p) => p.id === pack.package.id);
    expect(onSale).toMatchObject({ introOffer: true, forSale: false });
  });
});

describe("taking the offer online", () => {
  test("writes the sign-up with its open payment and opens Checkout on the studio's account; the same form again changes nothing", async () => {
    const account = stripe.connectedAccount();
    const s = await introStudio({ stripeAccountId: account.id });
    const client = await s.newClient();
    const form = s.preferences();
    const { redirectTo } = await takeIntroOffer(s.tenant, client, form);
    expect(redirectTo).toMatch(`${stripe.url}/checkout/`);
    const signup = await findLatestIntroSignupOfClient(database(), s.tenant, client.id);
    expect(signup).toMatchObject({
      status: "awaiting_payment",
      payAtDesk: false,
      packageId: s.offer.id,
      serviceId: s.session.id,
      locationId: s.main.id,
      preferredDays: [1, 3],
      preferredDayParts: ["morning"],
      notes: "Knee injury last year",
    });
    const payment = await findPayment(database(), s.tenant, signup?.paymentId as string);
    expect(payment).toMatchObject({
      kind: "package",
      status: "open",
      amountMinor: 3900,
      currency: "GBP",
      applicationFeeMinor: 113,
      packageId: s.offer.id,
      clientId: client.id,
    });
    const [request, ...more] = checkoutRequests();
    expect(more).toEqual([]);
    expect(request?.headers["stripe-account"]).toBe(account.id);
    expect(request?.headers["idempotency-key"]).toBe(`checkout-${payment?.id}`);
    expect(request?.form).toMatchObject({
      mode: "payment",
      "line_items[0][price_data][unit_amount]": "3900",
      "line_items[0][price_data][currency]": "gbp",
      "line_items[0][price_data][product_data][name]": "Intro session",
      "payment_intent_data[application_fee_amount]": "113",
      "metadata[studio_id]": s.tenant.studio.id,
      "metadata[payment_id]": payment?.id,
      "metadata[client_id]": client.id,
      "metadata[kind]": "package",
      "metadata[package_id]": s.offer.id,
      client_reference_id: payment?.id,
      cancel_url: expect.stringMatching(/\/intro$/),
    });
    expect(await takeIntroOffer(s.tenant, client, form)).toEqual({ redirectTo: "/intro" });
    expect(checkoutRequests()).toHaveLength(1);
    // Bought once, on the intro page: never as an ordinary package.
    expect((await refusal(buyPackage(s.tenant, client, s.offer.id))).code).toBe("INTRO_OFFER");
    expect((await introPage(s.tenant, client)).stage).toEqual({ kind: "paying", paymentId: payment?.id });
  });

  test("once Stripe says it is paid, the credit is the client's and the sign-up is in the queue, paid", async () => {
    const { s, client, signup } = await paidSignup();
    expect((await clientCredits(s.tenant, client, client.id)).balance).toBe(1);
    expect((await introPage(s.tenant, client)).stage).toEqual({ kind: "paid" });
    const { signups } = await introQueue(s.tenant, s.owner, {});
    expect(signups).toEqual([
      expect.objectContaining({
        id: signup.id,
        clientName: client.fullName,
        days: "Monday, Wednesday",
        payment: { paid: true, text: "Paid £39.00 online" },
      }),
    ]);
  });

  test("a payment that expired is shown as such and the client pays again on the same sign-up", async () => {
    const s = await introStudio({ stripeAccountId: stripe.connectedAccount().id });
    const client = await s.newClient();
    await takeIntroOffer(s.tenant, client, s.preferences());
    const first = await findLatestIntroSignupOfClient(database(), s.tenant, client.id);
    await database().transaction((tx) => endPayment(tx, s.tenant, first?.paymentId as string, "expired", "Expired"));
    expect((await introPage(s.tenant, client)).stage).toEqual({ kind: "payment_ended" });
    await takeIntroOffer(s.tenant, client, s.preferences({ days: [5] }));
    const again = await findLatestIntroSignupOfClient(database(), s.tenant, client.id);
    expect(again).toMatchObject({ id: first?.id, preferredDays: [5], status: "awaiting_payment" });
    expect(again?.paymentId).not.toBe(first?.paymentId);
    expect(checkoutRequests()).toHaveLength(2);
  });
});

describe("new clients only", () => {
  test("a client who took the offer, or ever booked, is refused plainly and nothing is written", async () => {
    const s = await introStudio({ stripeAccountId: stripe.connectedAccount().id });
    const taker = await s.newClient();
    await takeIntroOffer(s.tenant, taker, s.preferences());
    expect((await refusal(takeIntroOffer(s.tenant, taker, s.preferences()))).code).toBe("INTRO_TAKEN");
    const regular = await s.client(3);
    await bookSession(s.tenant, regular, { serviceId: s.session.id, locationId: s.main.id, startsAt: s.at("09:00") });
    const refused = await refusal(takeIntroOffer(s.tenant, regular, s.preferences()));
    expect(refused).toMatchObject({ code: "NOT_NEW_CLIENT", message: expect.stringMatching(/for new clients/) });
    expect(await findLatestIntroSignupOfClient(database(), s.tenant, regular.id)).toBeUndefined();
    expect((await introPage(s.tenant, regular)).refusal).toMatch(/for new clients/);
    expect(checkoutRequests()).toHaveLength(1);
  });

  test("staff cannot take it, and an offer that is not on sale or not at that location is refused", async () => {
    const s = await introStudio();
    expect(await takeIntroOffer(s.tenant, s.owner, s.preferences()).catch((e) => e)).toBeInstanceOf(Forbidden);
    const client = await s.newClient();
    const archived = await createPackage(s.tenant, s.owner, {
      name: "Classes",
      credits: 5,
      priceMinor: 5000,
      validDays: 30,
      locationIds: [],
      serviceIds: [],
      introOffer: false,
    });
    if (!archived.ok) throw new Error("not created");
    const notOffer = await refusal(takeIntroOffer(s.tenant, client, s.preferences({ packageId: archived.package.id })));
    expect(notOffer.code).toBe("NO_SUCH_OFFER");
    const elsewhere = await refusal(
      takeIntroOffer(s.tenant, client, s.preferences({ locationId: crypto.randomUUID() })),
    );
    expect(elsewhere.code).toBe("NOT_AT_LOCATION");
  });
});

describe("paying at the desk (no online payment)", () => {
  test("the sign-up goes straight to the queue owing the price; the match waits for the desk's payment, then books", async () => {
    const s = await introStudio();
    const client = await s.newClient();
    expect(await takeIntroOffer(s.tenant, client, s.preferences())).toEqual({ redirectTo: "/intro" });
    expect(checkoutRequests()).toEqual([]);
    const signup = await findLatestIntroSignupOfClient(database(), s.tenant, client.id);
    expect(signup).toMatchObject({ status: "to_match", payAtDesk: true, paymentId: null });
    expect((await introPage(s.tenant, client)).stage).toEqual({ kind: "pay_at_desk", price: "£39.00" });
    const [queued] = (await introQueue(s.tenant, s.owner, {})).signups;
    expect(queued?.payment).toEqual({
      paid: false,
      text: "£39.00 to pay at the desk before the first session is booked",
    });
    const id = signup?.id as string;
    const unpaid = await refusal(matchIntro(s.tenant, s.owner, match(id, s.instructor.id, s.monday, "10:00")));
    expect(unpaid).toMatchObject({ code: "NOT_PAID", message: expect.stringMatching(/Take the payment at the desk/) });
    expect(await findIntroSignup(database(), s.tenant, id)).toMatchObject({ status: "to_match", bookingId: null });
    const desk = await s.person("receptionist", [s.main.id]);
    await takeDeskPayment(s.tenant, desk, client.id, {
      idempotencyKey: crypto.randomUUID(),
      item: { packageId: s.offer.id },
      method: "cash",
      reason: "Paid in cash",
      locationId: s.main.id,
    });
    expect((await introQueue(s.tenant, s.owner, {})).signups[0]?.payment).toEqual({
      paid: true,
      text: "Paid £39.00 at the desk",
    });
    const booking = await matchIntro(s.tenant, s.owner, match(id, s.instructor.id, s.monday, "10:00"));
    expect(booking).toMatchObject({ clientId: client.id, status: "confirmed" });
  });
});

describe("matching", () => {
  test("books the first session through the engine with the chosen instructor and time, marks the sign-up matched, and texts and emails the client", async () => {
    const { s, client, signup } = await paidSignup();
    const booking = await matchIntro(s.tenant, s.owner, match(signup.id, s.instructor.id, s.monday, "10:00"));
    expect(booking).toMatchObject({
      clientId: client.id,
      instructorId: s.instructor.id,
      serviceId: s.session.id,
      locationId: s.main.id,
      startsAt: s.at("10:00"),
      status: "confirmed",
      createdById: s.owner.id,
    });
    expect(await findIntroSignup(database(), s.tenant, signup.id)).toMatchObject({
      status: "matched",
      bookingId: booking.id,
      matchedById: s.owner.id,
    });
    expect((await clientCredits(s.tenant, client, client.id)).balance).toBe(0);
    const { outboxMessages } = s.tenant.t;
    const sent = await database().select().from(outboxMessages).where(eq(outboxMessages.bookingId, booking.id));
    expect(sent.map((m) => [m.channel, m.recipient]).sort()).toEqual([
      ["email", client.email],
      ["sms", "+447700900123"],
    ]);
    expect((await introQueue(s.tenant, s.owner, {})).signups).toEqual([]);
    expect((await introPage(s.tenant, client)).stage).toMatchObject({ kind: "matched", bookingId: booking.id });
  });

  test("a time the instructor is not free is refused and nothing changes", async () => {
    const { s, client, signup } = await paidSignup();
    const other = await s.client(2);
    await bookSession(s.tenant, other, {
      serviceId: s.session.id,
      locationId: s.main.id,
      startsAt: s.at("10:00"),
      instructorId: s.instructor.id,
    });
    const taken = await refusal(matchIntro(s.tenant, s.owner, match(signup.id, s.instructor.id, s.monday, "10:00")));
    expect(taken.status).toBe(409);
    const closed = await refusal(matchIntro(s.tenant, s.owner, match(signup.id, s.instructor.id, s.monday, "23:00")));
    expect(closed.status).toBe(409);
    expect(await findIntroSignup(database(), s.tenant, signup.id)).toMatchObject({
      status: "awaiting_payment",
      bookingId: null,
    });
    expect((await clientCredits(s.tenant, client, client.id)).balance).toBe(1);
    const { bookings } = s.tenant.t;
    expect(await database().select().from(bookings).where(eq(bookings.clientId, client.id))).toEqual([]);
  });

  test("two people matching one sign-up at once: one booking, the other is told it is already matched", async () => {
    const { s, client, signup } = await paidSignup();
    const manager = await s.person("location_manager", [s.main.id]);
    const results = await Promise.allSettled([
      matchIntro(s.tenant, s.owner, match(signup.id, s.instructor.id, s.monday, "10:00")),
      matchIntro(s.tenant, manager as User, match(signup.id, s.instructor.id, s.monday, "14:00")),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [failure] = results.filter((r) => r.status === "rejected");
    expect((failure as PromiseRejectedResult).reason).toMatchObject({ code: "ALREADY_MATCHED" });
    const { bookings } = s.tenant.t;
    expect(await database().select().from(bookings).where(eq(bookings.clientId, client.id))).toHaveLength(1);
  });

  test("the free times of the day the owner looks at come from the instructor's availability", async () => {
    const { s, signup } = await paidSignup();
    const { signups } = await introQueue(s.tenant, s.owner, { signupId: signup.id, date: s.monday });
    const times = signups[0]?.freeTimes?.find((p) => p.name === s.instructor.fullName)?.times;
    expect(times?.[0]).toBe("09:00");
    expect(times).toContain("16:00");
    expect(times).not.toContain("17:00");
  });
});

describe("who may match", () => {
  test("the front desk, instructors and clients may not; a manager elsewhere may not; another studio's sign-up is not found", async () => {
    const { s, client, signup } = await paidSignup();
    const desk = await s.person("receptionist", [s.main.id]);
    const elsewhere = await s.person("location_manager", [s.second.id]);
    for (const actor of [desk, s.instructor, client, elsewhere] as User[]) {
      const attempt = matchIntro(s.tenant, actor, match(signup.id, s.instructor.id, s.monday, "10:00"));
      expect(await attempt.catch((e) => e)).toBeInstanceOf(Forbidden);
      expect(await cancelIntro(s.tenant, actor, signup.id, "No").catch((e) => e)).toBeInstanceOf(Forbidden);
    }
    for (const actor of [desk, s.instructor, client] as User[])
      expect(await introQueue(s.tenant, actor, {}).catch((e) => e)).toBeInstanceOf(Forbidden);
    expect((await introQueue(s.tenant, elsewhere as User, {})).signups).toEqual([]);
    const other = await introStudio();
    const theirs = matchIntro(other.tenant, other.owner, match(signup.id, other.instructor.id, other.monday, "10:00"));
    expect(await theirs.catch((e) => e)).toBeInstanceOf(NotFound);
    expect(await findIntroSignup(database(), s.tenant, signup.id)).toMatchObject({ status: "awaiting_payment" });
  });

  test("staff cancel a waiting sign-up with a reason the client sees; it cannot then be matched", async () => {
    const { s, client, signup } = await paidSignup();
    await cancelIntro(s.tenant, s.owner, signup.id, "Moved away");
    expect((await introPage(s.tenant, client)).stage).toEqual({ kind: "cancelled", reason: "Moved away" });
    const late = await refusal(matchIntro(s.tenant, s.owner, match(signup.id, s.instructor.id, s.monday, "10:00")));
    expect(late.code).toBe("ALREADY_MATCHED");
  });
});
