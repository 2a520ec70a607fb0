import { describe, expect, test } from "vitest";
import { findIntroSignup, findLatestIntroSignupOfClient } from "~/models/intro-signup.server";
import { findUserByEmail } from "~/models/user.server";
import { bookSession } from "~/services/booking/engine.server";
import { introStudio } from "~/services/intro/intro.test-helper";
import { takeDeskPayment } from "~/services/payments/desk.server";
import { database } from "~db/client";
import { callRoute } from "../../test/route-call";
import * as intro from "./intro";
import * as queue from "./intro-signups";
import * as newPackage from "./packages.new";

/** The intro form as a browser without JavaScript sends it: repeated keys for the ticked boxes. */
function introForm(fields: Record<string, string>, days = ["1", "3"], parts = ["morning"]) {
  const form = new URLSearchParams({ idempotencyKey: crypto.randomUUID(), ...fields });
  for (const day of days) form.append("days", day);
  for (const part of parts) form.append("dayParts", part);
  return form;
}

const visitor = (email: string) => ({
  fullName: "Nadia New",
  email,
  phone: "07700 900123",
  password: "a long enough password",
});

describe("the public intro page", () => {
  test("a visitor sees the offer with its price, and signing up without online payment creates the client and the sign-up owing the price at the desk", async () => {
    const s = await introStudio();
    const page = await callRoute(intro.loader, s.tenant, null, "/intro");
    expect(page.data).toMatchObject({
      offers: [{ id: s.offer.id, name: "Intro session", price: "£39.00", serviceName: "PT 60" }],
      paysOnline: false,
      stage: null,
    });
    const email = `nadia-${crypto.randomUUID().slice(0, 6)}@example.com`;
    const sent = await callRoute(intro.action, s.tenant, null, "/intro", {
      form: introForm({ ...visitor(email), packageId: s.offer.id, locationId: s.main.id, notes: "Mornings best" }),
    });
    expect(sent).toMatchObject({ status: 303, location: "/intro" });
    const client = await findUserByEmail(database(), s.tenant, email);
    expect(client).toMatchObject({ role: "client", fullName: "Nadia New", primaryLocationId: s.main.id });
    const signup = await findLatestIntroSignupOfClient(database(), s.tenant, client?.id as string);
    expect(signup).toMatchObject({
      status: "to_match",
      payAtDesk: true,
      preferredDays: [1, 3],
      notes: "Mornings best",
    });
    const after = await callRoute(intro.loader, s.tenant, client ?? null, "/intro");
    expect(after.data?.stage).toEqual({ kind: "pay_at_desk", price: "£39.00" });
  });

  test("a form without days, or for a location the offer is not at, is refused next to the field and no account is made", async () => {
    const s = await introStudio();
    const email = `nodays-${crypto.randomUUID().slice(0, 6)}@example.com`;
    const noDays = await callRoute(intro.action, s.tenant, null, "/intro", {
      form: introForm({ ...visitor(email), packageId: s.offer.id, locationId: s.main.id }, []),
    });
    expect(noDays.status).toBe(400);
    expect(noDays.data).toMatchObject({ result: { error: { days: ["Tick at least one day you can come"] } } });
    const elsewhere = await callRoute(intro.action, s.tenant, null, "/intro", {
      form: introForm({ ...visitor(email), packageId: s.offer.id, locationId: crypto.randomUUID() }),
    });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.data).toMatchObject({
      result: { error: { locationId: [expect.stringMatching(/not available there/)] } },
    });
    expect(await findUserByEmail(database(), s.tenant, email)).toBeUndefined();
  });

  test("a signed-in client who booked before is told the offer is for new clients", async () => {
    const s = await introStudio();
    const regular = await s.client(3);
    await bookSession(s.tenant, regular, { serviceId: s.session.id, locationId: s.main.id, startsAt: s.at("09:00") });
    const page = await callRoute(intro.loader, s.tenant, regular, "/intro");
    expect(page.data?.refusal).toMatch(/for new clients/);
    const sent = await callRoute(intro.action, s.tenant, regular, "/intro", {
      form: introForm({ packageId: s.offer.id, locationId: s.main.id }),
    });
    expect(sent.status).toBe(409);
    expect(sent.data).toMatchObject({ result: { error: { "": [expect.stringMatching(/for new clients/)] } } });
  });
});

describe("the matching queue page", () => {
  /** A pay-at-desk sign-up the desk has been paid for, ready to match. */
  async function readyToMatch() {
    const s = await introStudio();
    const client = await s.newClient();
    await callRoute(intro.action, s.tenant, client, "/intro", {
      form: introForm({ packageId: s.offer.id, locationId: s.main.id }),
    });
    const signup = await findLatestIntroSignupOfClient(database(), s.tenant, client.id);
    await takeDeskPayment(s.tenant, s.owner, client.id, {
      idempotencyKey: crypto.randomUUID(),
      item: { packageId: s.offer.id },
      method: "terminal",
      reason: "Card terminal",
      locationId: s.main.id,
    });
    return { s, client, signupId: signup?.id as string };
  }

  const matchForm = (signupId: string, instructorId: string, date: string, time: string) => ({
    intent: "match",
    idempotencyKey: crypto.randomUUID(),
    signupId,
    instructorId,
    date,
    time,
  });

  test("the owner sees the sign-up and the instructor's free times, and matching books the first session", async () => {
    const { s, client, signupId } = await readyToMatch();
    const path = `/intro-signups?signup=${signupId}&date=${s.monday}`;
    const page = await callRoute(queue.loader, s.tenant, s.owner, path);
    const [row] = (page.data as { signups: Record<string, unknown>[] }).signups;
    expect(row).toMatchObject({
      id: signupId,
      clientName: client.fullName,
      payment: { paid: true, text: "Paid £39.00 at the desk" },
      instructors: expect.arrayContaining([{ id: s.instructor.id, name: s.instructor.fullName }]),
      freeTimes: expect.arrayContaining([
        expect.objectContaining({ name: s.instructor.fullName, times: expect.arrayContaining(["11:00"]) }),
      ]),
    });
    const sent = await callRoute(queue.action, s.tenant, s.owner, "/intro-signups", {
      form: matchForm(signupId, s.instructor.id, s.monday, "11:00"),
    });
    expect(sent).toMatchObject({ status: 303, location: "/intro-signups?done=matched" });
    expect(await findIntroSignup(database(), s.tenant, signupId)).toMatchObject({ status: "matched" });
    const mine = await callRoute(intro.loader, s.tenant, client, "/intro");
    expect(mine.data?.stage).toMatchObject({ kind: "matched", when: expect.stringMatching(/Monday .* at 11:00, /) });
  });

  test("a time outside the instructor's hours is refused next to that sign-up's form and nothing changes", async () => {
    const { s, signupId } = await readyToMatch();
    const sent = await callRoute(queue.action, s.tenant, s.owner, "/intro-signups", {
      form: matchForm(signupId, s.instructor.id, s.monday, "20:00"),
    });
    expect(sent.status).toBe(409);
    expect(sent.data).toMatchObject({ problem: { signupId, message: expect.any(String) } });
    expect(await findIntroSignup(database(), s.tenant, signupId)).toMatchObject({ status: "to_match" });
  });

  test("the front desk, instructors and clients get 403; another studio's sign-up is 404", async () => {
    const { s, client, signupId } = await readyToMatch();
    const desk = await s.person("receptionist", [s.main.id]);
    for (const actor of [desk, s.instructor, client]) {
      expect((await callRoute(queue.loader, s.tenant, actor, "/intro-signups")).status).toBe(403);
      const sent = await callRoute(queue.action, s.tenant, actor, "/intro-signups", {
        form: matchForm(signupId, s.instructor.id, s.monday, "11:00"),
      });
      expect(sent.status).toBe(403);
    }
    const other = await introStudio();
    const theirs = await callRoute(queue.action, other.tenant, other.owner, "/intro-signups", {
      form: { intent: "cancel", signupId, reason: "Not ours" },
    });
    expect(theirs.status).toBe(404);
    expect(await findIntroSignup(database(), s.tenant, signupId)).toMatchObject({ status: "to_match" });
  });
});

test("the package form refuses an intro offer for two services next to the box", async () => {
  const s = await introStudio();
  const form = new URLSearchParams({ name: "Intro", credits: "1", price: "39", validDays: "30", introOffer: "on" });
  form.append("serviceIds", s.session.id);
  form.append("serviceIds", s.yoga.id);
  const sent = await callRoute(newPackage.action, s.tenant, s.owner, "/packages/new", { form });
  expect(sent.status).toBe(400);
  expect(sent.data).toMatchObject({
    result: { error: { introOffer: [expect.stringMatching(/exactly one 1:1 session/)] } },
  });
});
