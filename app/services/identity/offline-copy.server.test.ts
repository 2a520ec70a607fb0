import { describe, expect, test } from "vitest";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { OFFLINE_COPY_HEADER, offlineCopy, offlineCopyKey } from "./offline-copy.server";

const studio = (id: string) => ({ studio: { id } }) as unknown as Tenant;
const client = (id: string) => ({ id, role: "client" as const });

describe("the offline copy key", () => {
  test("is one opaque key per client and studio, and none for staff", () => {
    const amara = offlineCopyKey(studio("s1"), client("u1"));
    expect(amara).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(amara).not.toContain("u1");
    expect(offlineCopyKey(studio("s1"), client("u1"))).toBe(amara);
    expect(offlineCopyKey(studio("s1"), client("u2"))).not.toBe(amara);
    expect(offlineCopyKey(studio("s2"), client("u1"))).not.toBe(amara);
    expect(offlineCopyKey(studio("s1"), { id: "u1", role: "receptionist" })).toBeNull();
    expect(offlineCopyKey(studio("s1"), { id: "u1", role: "org_owner" })).toBeNull();
  });

  test("a client's copy carries the header and its time on the studio's clock; staff get neither", () => {
    const now = new Date("2026-06-05T17:04:00Z");
    expect(offlineCopy(studio("s1"), client("u1"), "Europe/London", now)).toEqual({
      headers: { [OFFLINE_COPY_HEADER]: offlineCopyKey(studio("s1"), client("u1")) },
      asOf: "18:04, Friday 5 June 2026",
    });
    expect(offlineCopy(studio("s1"), { id: "u1", role: "trainer" }, "Europe/London", now)).toEqual({
      headers: undefined,
      asOf: null,
    });
  });
});
