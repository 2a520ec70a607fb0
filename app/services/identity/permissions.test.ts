import { describe, expect, test } from "vitest";
import type { Role } from "~db/schema/tenant";
import {
  ACTIONS,
  type Action,
  type Actor,
  assertCan,
  type Condition,
  can,
  PERMISSIONS,
  type Subject,
} from "./permissions";

/**
 * The guide's §4 matrix, transcribed as it is printed (columns: Client, Instructor,
 * Receptionist, Location Mgr, Org Owner; stars are its footnotes). The test parses this text
 * and walks every cell through `can`, so a mistake in PERMISSIONS cannot hide behind a copy.
 */
const GUIDE = `
booking.view_own          | ✅       | ✅        | ✅        | ✅ | ✅
booking.create_own        | ✅*      | ❌        | ❌        | ❌ | ✅
booking.create_for_client | ❌       | ✅**      | ✅        | ✅ | ✅
booking.cancel_own        | ✅***    | ✅        | ❌        | ✅ | ✅
booking.cancel_any        | ❌       | ❌        | ✅***     | ✅ | ✅
booking.view_all          | ❌       | ✅****    | ✅        | ✅ | ✅
service.view              | ✅       | ✅        | ✅        | ✅ | ✅
service.create            | ❌       | ❌        | ❌        | ✅ | ✅
service.modify_pricing    | ❌       | ❌        | ❌        | ✅ | ✅
client.view_own_profile   | ✅       | ✅        | ✅        | ✅ | ✅
client.view_list          | ❌       | ✅****    | ✅        | ✅ | ✅
client.edit               | ❌       | ❌        | ✅*****   | ✅ | ✅
payment.process           | ✅       | ❌        | ✅        | ✅ | ✅
payment.refund            | ❌       | ❌        | ✅******  | ✅ | ✅
report.view               | ❌       | ❌        | ❌        | ✅ | ✅
schedule.view             | ✅       | ✅        | ✅        | ✅ | ✅
schedule.modify           | ❌       | ✅******* | ✅        | ✅ | ✅
location.view             | ✅       | ✅        | ✅        | ✅ | ✅
location.create           | ❌       | ❌        | ❌        | ❌ | ✅
location.modify           | ❌       | ❌        | ❌        | ✅ | ✅
`;

const FOOTNOTES: Record<number, Condition> = {
  1: "self_booking_enabled",
  2: "instructor_booking_enabled",
  3: "within_cancellation_window",
  4: "assigned_clients_only",
  5: "non_financial_fields",
  6: "within_refund_limit",
  7: "own_schedule_only",
};

type Cell = { allowed: boolean; condition?: Condition };
const GUIDE_COLUMNS: Role[][] = [
  ["client"],
  ["instructor", "trainer"],
  ["receptionist"],
  ["location_manager"],
  ["org_owner"],
];

function parseGuide() {
  const cells: { action: Action; role: Role; cell: Cell }[] = [];
  for (const line of GUIDE.trim().split("\n")) {
    const [action, ...columns] = line.split("|").map((part) => part.trim());
    columns.forEach((text, index) => {
      const stars = text.match(/\*+/)?.[0].length;
      const cell: Cell = { allowed: text.startsWith("✅"), condition: stars ? FOOTNOTES[stars] : undefined };
      for (const role of GUIDE_COLUMNS[index] ?? []) cells.push({ action: action as Action, role, cell });
    });
  }
  return cells;
}

const HERE = "loc-here";
const ELSEWHERE = "loc-elsewhere";
const now = new Date("2026-11-25T10:00:00Z");
const actorFor = (role: Role): Actor => ({ id: `${role}-id`, role, accessibleLocations: [HERE] });
const hours = (n: number) => new Date(now.getTime() + n * 60 * 60 * 1000);

/** A subject that satisfies the footnote, and one that breaks it. */
function subjectsFor(condition: Condition, actor: Actor): { holds: Subject; breaks: Subject } {
  switch (condition) {
    case "self_booking_enabled":
      return {
        holds: { service: { selfBookingEnabled: true, instructorBookingEnabled: false } },
        breaks: { service: { selfBookingEnabled: false, instructorBookingEnabled: true } },
      };
    case "instructor_booking_enabled":
      return {
        holds: { service: { selfBookingEnabled: false, instructorBookingEnabled: true } },
        breaks: { service: { selfBookingEnabled: true, instructorBookingEnabled: false } },
      };
    case "within_cancellation_window":
      return {
        holds: { cancellation: { startsAt: hours(24), windowHours: 24, now } },
        breaks: { cancellation: { startsAt: hours(23.99), windowHours: 24, now } },
      };
    case "assigned_clients_only":
      return {
        holds: { client: { id: "c", instructorIds: ["someone", actor.id] } },
        breaks: { client: { id: "c", instructorIds: ["someone"] } },
      };
    case "non_financial_fields":
      return { holds: { fields: ["phone", "notes"] }, breaks: { fields: ["phone", "discountPercent"] } };
    case "within_refund_limit":
      return {
        holds: { refund: { amountMinor: 5000, limitMinor: 5000 } },
        breaks: { refund: { amountMinor: 5001, limitMinor: 5000 } },
      };
    case "own_schedule_only":
      return { holds: { scheduleOwnerId: actor.id }, breaks: { scheduleOwnerId: "another-instructor" } };
  }
}

describe("the §4 permission matrix, cell by cell", () => {
  const cells = parseGuide();

  test("the transcription covers every guide row for every guide role", () => {
    expect(new Set(cells.map((c) => c.action)).size).toBe(20);
    expect(cells).toHaveLength(20 * 6);
  });

  test.each(cells.map((c) => [c.action, c.role, c.cell] as const))("%s for %s", (action, role, cell) => {
    const actor = actorFor(role);
    if (!cell.allowed) {
      expect(can(actor, action, { locationId: HERE })).toEqual({ allowed: false, reason: "role" });
      return;
    }
    if (!cell.condition) {
      expect(can(actor, action)).toEqual({ allowed: true });
      expect(can(actor, action, { locationId: HERE })).toEqual({ allowed: true });
      return;
    }
    const { holds, breaks } = subjectsFor(cell.condition, actor);
    expect(can(actor, action, holds)).toEqual({ allowed: true });
    expect(can(actor, action, breaks)).toEqual({ allowed: false, reason: cell.condition });
    // Without the facts the footnote needs, the answer is no: fail closed.
    expect(can(actor, action)).toEqual({ allowed: false, reason: "missing_subject" });
  });

  test("PERMISSIONS has no guide row the transcription lacks", () => {
    const guideActions = new Set(cells.map((c) => c.action));
    const beyondGuide = ACTIONS.filter((a) => !guideActions.has(a));
    expect(beyondGuide).toEqual([
      "team.view",
      "team.invite",
      "team.manage",
      "settings.modify",
      "parq.view",
      "messages.view",
      "messages.retry",
      "credit.adjust",
      "payment.view_all",
      "booking.check_in",
      "attendance.mark",
      "report.view_operations",
      "studio.export",
    ]);
  });

  test("the message log: owners, managers and the front desk read it and send again; clients, instructors and finance never", () => {
    for (const action of ["messages.view", "messages.retry"] as const) {
      const allowed = (
        ["client", "instructor", "trainer", "receptionist", "location_manager", "org_owner", "finance_manager"] as const
      ).filter((role) => can(actorFor(role), action).allowed);
      expect(allowed, action).toEqual(["receptionist", "location_manager", "org_owner"]);
    }
  });
});

describe("footnotes that are not in a single cell", () => {
  test("the finance manager sees financial reports only (plus what every account sees)", () => {
    const finance = actorFor("finance_manager");
    const allowed = ACTIONS.filter((action) => PERMISSIONS[action].finance_manager !== "no");
    expect(allowed).toEqual([
      "booking.view_own",
      "service.view",
      "client.view_own_profile",
      "report.view",
      "schedule.view",
      "location.view",
      "payment.view_all",
    ]);
    expect(can(finance, "client.view_list")).toEqual({ allowed: false, reason: "role" });
    expect(can(finance, "payment.refund")).toEqual({ allowed: false, reason: "role" });
  });

  test.each<Role>(["instructor", "trainer", "receptionist", "location_manager", "finance_manager"])(
    "%s acts only at their own locations",
    (role) => {
      const actor = actorFor(role);
      for (const action of ACTIONS) {
        if (PERMISSIONS[action][role === "trainer" ? "instructor" : role] === "no") continue;
        expect(can(actor, action, { locationId: ELSEWHERE })).toEqual({ allowed: false, reason: "location" });
        expect(can(actor, action, { anyOfLocationIds: [ELSEWHERE] })).toEqual({ allowed: false, reason: "location" });
      }
    },
  );

  test("the owner acts at every location", () => {
    const owner = actorFor("org_owner");
    for (const action of ACTIONS) expect(can(owner, action, { locationId: ELSEWHERE })).toEqual({ allowed: true });
  });

  test("a client with several home locations is in scope when any one is shared", () => {
    const receptionist = actorFor("receptionist");
    expect(can(receptionist, "client.view_list", { anyOfLocationIds: [ELSEWHERE, HERE] })).toEqual({ allowed: true });
  });

  test("assertCan throws a Forbidden that says why", () => {
    expect(() => assertCan(actorFor("receptionist"), "client.edit", { fields: ["discountPercent"] })).toThrowError(
      "Only a manager or the owner can change financial details.",
    );
  });
});
