import { afterEach, describe, expect, test, vi } from "vitest";
import { findUserByEmail, insertUser } from "~/models/user.server";
import { database } from "~db/client";
import { createTestStudio } from "../test/factories";
import { createLogger, errorFields, loggableUrl } from "./log";

/** What the request error handler writes for this error: one JSON line on stderr. */
function loggedLine(error: unknown, url: string) {
  const write = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  createLogger("error").error("request failed", { id: "req-42", path: loggableUrl(url), ...errorFields(error) });
  const line = String(write.mock.calls[0]?.[0]);
  write.mockRestore();
  return line;
}

afterEach(() => vi.restoreAllMocks());

describe("logs hold no personal data or secrets", () => {
  test("a failed query logs its code, statement and request id, never its parameters", async () => {
    const s = await createTestStudio();
    const person = { email: "amara.private@example.com", fullName: "Amara Okonkwo-Secret", notes: "knee surgery 2025" };
    await insertUser(database(), s.tenant, { ...person, role: "client" });
    const error = await insertUser(database(), s.tenant, { ...person, role: "client" }).catch((e: unknown) => e);

    const line = loggedLine(error, "http://demo.localhost/clients?q=Amara&email=amara.private@example.com");

    expect(JSON.parse(line)).toMatchObject({ id: "req-42", code: "23505", statement: "insert users" });
    for (const secret of [person.email, person.fullName, person.notes, "Amara"]) expect(line).not.toContain(secret);
  });

  test("a database message that quotes the bad value is not logged", async () => {
    const s = await createTestStudio();
    const typed = "not-a-uuid-but-a-phone-07700900123";
    const error = await database()
      .execute(`select * from "${s.tenant.studio.schemaName}"."users" where id = '${typed}'`)
      .catch((e: unknown) => e);
    expect(await findUserByEmail(database(), s.tenant, "nobody@example.com")).toBeUndefined();

    const line = loggedLine(error, "http://demo.localhost/");

    expect(JSON.parse(line)).toMatchObject({ code: "22P02" });
    expect(line).not.toContain("07700900123");
  });

  test("tokens in query strings and calendar feed paths are not logged", () => {
    expect(loggableUrl("/reset-password?token=s3cr3t-reset&x=1")).toBe("/reset-password?token=…&x=…");
    expect(loggableUrl("http://demo.localhost/join?token=invite-secret")).toBe("/join?token=…");
    expect(loggableUrl("/feeds/feed-secret-abc.ics")).toBe("/feeds/…");
    expect(loggableUrl("/bookings/123")).toBe("/bookings/123");
  });

  test("an application error keeps its message and stack frames", () => {
    const fields = errorFields(new TypeError("Cannot read properties of undefined"));
    expect(fields).toMatchObject({ error: "TypeError", message: "Cannot read properties of undefined" });
    expect((fields.stack as string[])[0]).toMatch(/^ {4}at /);
  });
});
