import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";

/**
 * The services' domains and what each may import. Dependencies run one way, from the top of this
 * list down: a domain that must react to a later one does it through a domain event or a job.
 * Tests and their fixtures may reach across domains to set a scene; production code may not.
 */
const MAY_IMPORT: Record<string, string[]> = {
  shared: [],
  tenancy: ["shared"],
  identity: ["shared", "tenancy"],
  studio: ["shared", "tenancy", "identity"],
  messages: ["shared", "tenancy", "identity", "studio"],
  people: ["shared", "tenancy", "identity", "studio"],
  // Messages sit beside people: what a change above tells a person is written through them.
  catalogue: ["shared", "tenancy", "identity", "studio", "messages", "people"],
  credits: ["shared", "tenancy", "identity", "studio", "messages", "people", "catalogue"],
  schedule: ["shared", "tenancy", "identity", "studio", "messages", "people", "catalogue"],
  booking: ["shared", "tenancy", "identity", "studio", "messages", "people", "catalogue", "credits", "schedule"],
  // Payments settle what the engine held (a place awaiting payment) and grant packages' credits.
  payments: [
    "shared",
    "tenancy",
    "identity",
    "studio",
    "messages",
    "people",
    "catalogue",
    "credits",
    "schedule",
    "booking",
  ],
  // Waitlists book through the engine and send a client without a credit to pay for the place.
  waitlist: [
    "shared",
    "tenancy",
    "identity",
    "studio",
    "messages",
    "people",
    "catalogue",
    "credits",
    "schedule",
    "booking",
    "payments",
  ],
  // Instructor-led booking requests become bookings through the engine.
  requests: [
    "shared",
    "tenancy",
    "identity",
    "studio",
    "messages",
    "people",
    "catalogue",
    "credits",
    "schedule",
    "booking",
  ],
  // The intro offer: a new client signs up, pays (Payments), and the owner books their first session.
  intro: [
    "shared",
    "tenancy",
    "identity",
    "studio",
    "messages",
    "people",
    "catalogue",
    "credits",
    "schedule",
    "booking",
    "payments",
  ],
  // The front desk: check-in, attendance and rosters act on bookings, waitlists and payments.
  desk: [
    "shared",
    "tenancy",
    "identity",
    "studio",
    "messages",
    "people",
    "catalogue",
    "credits",
    "schedule",
    "booking",
    "payments",
    "waitlist",
  ],
  // The dashboard, reports, churn alerts and the studio's export read every domain above and
  // act through them (a message, a credit grant); nothing below reads a report.
  reports: [
    "shared",
    "tenancy",
    "identity",
    "studio",
    "messages",
    "people",
    "catalogue",
    "credits",
    "schedule",
    "booking",
    "payments",
    "waitlist",
    "requests",
    "intro",
    "desk",
  ],
  // The API's description names the schemas of every domain above; nothing reads it back.
  "api-reference": [
    "shared",
    "tenancy",
    "identity",
    "studio",
    "messages",
    "people",
    "catalogue",
    "credits",
    "schedule",
    "booking",
    "payments",
    "waitlist",
    "requests",
    "intro",
    "desk",
    "reports",
  ],
};

const appDir = path.resolve(__dirname, "..");
const servicesDir = __dirname;
const isTestCode = (file: string) => /\.test(-helper)?\.tsx?$/.test(file);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** The files of ours a module imports, resolved to absolute paths (type-only imports count too). */
function importsOf(file: string): string[] {
  const source = fs.readFileSync(file, "utf8");
  const specifiers = [...source.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)].map((m) => m[1] as string);
  return specifiers.flatMap((specifier) => {
    const base = specifier.startsWith("~/")
      ? path.join(appDir, specifier.slice(2))
      : specifier.startsWith(".")
        ? path.resolve(path.dirname(file), specifier)
        : null;
    if (!base) return [];
    const found = ["", ".ts", ".tsx"].map((ext) => base + ext).find((p) => fs.existsSync(p) && fs.statSync(p).isFile());
    return found ? [found] : [];
  });
}

const domainOf = (file: string) => {
  const relative = path.relative(servicesDir, file);
  return relative.startsWith("..") || !relative.includes(path.sep) ? null : relative.split(path.sep)[0]!;
};

const services = sourceFiles(servicesDir).filter((f) => !isTestCode(f) && domainOf(f));

describe("service domains", () => {
  test("every service file sits in a known domain folder", () => {
    const stray = sourceFiles(servicesDir).filter((f) => !isTestCode(f) && !MAY_IMPORT[domainOf(f) ?? ""]);
    expect(stray.map((f) => path.relative(appDir, f))).toEqual([]);
  });

  test("imports between domains run one way", () => {
    const violations = services.flatMap((file) => {
      const from = domainOf(file)!;
      return importsOf(file)
        .map((target) => ({ target, to: domainOf(target) }))
        .filter(({ to }) => to !== null && to !== from && !MAY_IMPORT[from]!.includes(to))
        .map(({ target }) => `${path.relative(appDir, file)} -> ${path.relative(appDir, target)}`);
    });
    expect(violations).toEqual([]);
  });

  test("models import nothing of the services but the studio's tables (the Tenant)", () => {
    const violations = sourceFiles(path.join(appDir, "models"))
      .filter((file) => !isTestCode(file))
      .flatMap((file) =>
        importsOf(file)
          .filter(
            (target) => domainOf(target) !== null && path.relative(servicesDir, target) !== "tenancy/tenant.server.ts",
          )
          .map((target) => `${path.relative(appDir, file)} -> ${path.relative(appDir, target)}`),
      );
    expect(violations).toEqual([]);
  });

  test("no import cycles among services", () => {
    const graph = new Map(services.map((file) => [file, importsOf(file).filter((t) => services.includes(t))]));
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "open") {
        cycles.push([...trail.slice(trail.indexOf(file)), file].map((f) => path.relative(servicesDir, f)).join(" -> "));
        return;
      }
      state.set(file, "open");
      for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
      state.set(file, "done");
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
