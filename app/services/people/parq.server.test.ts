import { describe, expect, test } from "vitest";
import { updateStudioSettings } from "~/models/studio-settings.server";
import { Forbidden, NotFound } from "~/services/shared/errors";
import { ALL_LOCATIONS } from "~/services/studio/location-context.server";
import { database } from "~db/client";
import { listClients, viewClient } from "./client.server";
import { createClientsStudio } from "./client-fixtures.test-helper";
import { ParqFormSchema, ParqSubmissionSchema, submissionFromForm } from "./parq.schema";
import { ownParqReminder, parqRequirementMet, readParqRecord, submitParq } from "./parq.server";

const ALL_NO = [false, false, false, false, false, false, false];
const ONE_YES = [false, false, false, true, false, false, false];

describe("submitParq", () => {
  test("submissions are kept in order; any yes flags the client for the staff who may read answers", async () => {
    const s = await createClientsStudio();
    const { amara } = s.clients;
    const first = await submitParq(s.tenant, amara, amara.id, { answers: ALL_NO, declarationName: "amara okafor" });
    expect(first).toEqual({ ok: true, anyYes: false });
    const second = await submitParq(s.tenant, amara, amara.id, {
      answers: ONE_YES,
      declarationName: "  AMARA   Okafor ",
    });
    expect(second).toEqual({ ok: true, anyYes: true });

    const record = await readParqRecord(s.tenant, amara, amara.id);
    expect(record.history.map((h) => h.anyYes)).toEqual([true, false]);
    expect(record.latest?.answers).toEqual(ONE_YES);

    const all = { q: "Amara", page: 1, selectedLocation: ALL_LOCATIONS };
    const [asOwner] = (await listClients(s.tenant, s.staff.owner, all)).clients;
    const [asDesk] = (await listClients(s.tenant, s.staff.receptionist, { ...all, selectedLocation: s.camden.id }))
      .clients;
    expect(asOwner?.parqNeedsReview).toBe(true);
    expect(asDesk?.parqNeedsReview).toBe(false);
    expect((await viewClient(s.tenant, s.staff.receptionist, amara.id)).client.parq.status).toBe("needs_review");
  });

  test("a declaration that is not the client's own name is refused and nothing is kept", async () => {
    const s = await createClientsStudio();
    const { chloe } = s.clients;
    expect(await submitParq(s.tenant, chloe, chloe.id, { answers: ALL_NO, declarationName: "Chloe Martin" })).toEqual({
      ok: false,
      reason: "declaration-mismatch",
    });
    expect((await readParqRecord(s.tenant, chloe, chloe.id)).history).toEqual([]);
    expect(
      await submitParq(s.tenant, chloe, chloe.id, { answers: ALL_NO, declarationName: "CHLOÉ MARTIN" }),
    ).toMatchObject({ ok: true });
  });

  test("only the client fills in their own", async () => {
    const s = await createClientsStudio();
    const input = { answers: ALL_NO, declarationName: "Amara Okafor" };
    await expect(submitParq(s.tenant, s.clients.ben, s.clients.amara.id, input)).rejects.toThrow(Forbidden);
    await expect(submitParq(s.tenant, s.staff.owner, s.clients.amara.id, input)).rejects.toThrow(Forbidden);
  });

  test("the date is the studio's: just after midnight in London is the next day there", async () => {
    const s = await createClientsStudio();
    const { amara } = s.clients;
    // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
    await submitParq(
      s.tenant,
      amara,
      amara.id,
      { answers: ALL_NO, declarationName: "Amara Okafor" },
      new Date("2026-06-30T23:30:00Z"),
    );
    expect((await readParqRecord(s.tenant, amara, amara.id)).latest?.declaredOn).toBe("2026-07-01");
  });
});

describe("who may read the answers", () => {
  test("owner, the client's location manager and assigned instructor; not receptionist, other instructor or other client", async () => {
    const s = await createClientsStudio();
    const { chloe } = s.clients; // Shoreditch; Priya (instructor) is assigned
    await submitParq(s.tenant, chloe, chloe.id, { answers: ONE_YES, declarationName: "Chloé Martin" });
    for (const reader of [s.staff.owner, s.staff.manager, s.staff.instructor, chloe]) {
      expect((await readParqRecord(s.tenant, reader, chloe.id)).latest?.anyYes).toBe(true);
    }
    for (const refused of [s.staff.receptionist, s.staff.trainer, s.staff.finance, s.clients.amara]) {
      await expect(readParqRecord(s.tenant, refused, chloe.id)).rejects.toThrow(Forbidden);
    }
    const other = await createClientsStudio();
    await expect(readParqRecord(s.tenant, s.staff.owner, other.clients.chloe.id)).rejects.toThrow(NotFound);
  });
});

describe("parqRequirementMet", () => {
  test("always met when the studio does not require it; otherwise only once the client has one", async () => {
    const s = await createClientsStudio();
    const { ben } = s.clients;
    expect(await parqRequirementMet(s.tenant, ben.id)).toBe(true);
    expect(await ownParqReminder(s.tenant, ben)).toEqual({ status: "missing", reminder: false });

    await updateStudioSettings(database(), s.tenant, {
      requireParqBeforeFirstBooking: true,
      receptionistRefundLimitMinor: 5000,
    });
    expect(await parqRequirementMet(s.tenant, ben.id)).toBe(false);
    expect(await ownParqReminder(s.tenant, ben)).toEqual({ status: "missing", reminder: true });
    const listed = await listClients(s.tenant, s.staff.owner, { q: "Ben", page: 1, selectedLocation: ALL_LOCATIONS });
    expect(listed.clients[0]?.parqMissing).toBe(true);

    await submitParq(s.tenant, ben, ben.id, { answers: ONE_YES, declarationName: "Ben Hughes" });
    expect(await parqRequirementMet(s.tenant, ben.id)).toBe(true);
    expect(await ownParqReminder(s.tenant, ben)).toEqual({ status: "needs_review", reminder: false });
  });
});

describe("PAR-Q schemas", () => {
  test("the form needs an answer to every question and becomes the API's shape", () => {
    const form = { q1: "no", q2: "no", q3: "no", q4: "yes", q5: "no", q6: "no", q7: "no", declarationName: "A B" };
    expect(submissionFromForm(ParqFormSchema.parse(form))).toEqual({ answers: ONE_YES, declarationName: "A B" });
    const missing = ParqFormSchema.safeParse({ ...form, q7: undefined });
    expect(missing.success).toBe(false);
    expect(ParqSubmissionSchema.safeParse({ answers: ALL_NO.slice(1), declarationName: "A B" }).success).toBe(false);
  });
});
