import { type Action, mayEver } from "~/services/identity/permissions";
import type { Role } from "~db/schema/tenant";

/** One report or page the reports index links to, and who may open it. */
type ReportLink = { href: string; title: string; about: string; action: Action };

const MONEY: ReportLink[] = [
  {
    href: "/reports/revenue?by=location",
    title: "Revenue by location",
    about: "Taken, refunded and net at each location, and online.",
    action: "report.view",
  },
  {
    href: "/reports/revenue?by=service",
    title: "Revenue by service",
    about: "What the money paid for: each service, package and other sale, with credits used.",
    action: "report.view",
  },
  {
    href: "/reports/revenue?by=instructor",
    title: "Revenue by instructor",
    about: "Bookings' money and credits used by who taught them.",
    action: "report.view",
  },
  {
    href: "/reports/credits",
    title: "Outstanding credits",
    about: "Credits clients hold, at list price, what expires soon and what expired unused.",
    action: "report.view",
  },
  {
    href: "/reports/payments",
    title: "Payments and refunds",
    about: "Totals by method and by day.",
    action: "report.view",
  },
  {
    href: "/payments",
    title: "Every payment",
    about: "The full list of payments and refunds, any status.",
    action: "payment.view_all",
  },
];

const PEOPLE: ReportLink[] = [
  {
    href: "/dashboard",
    title: "Dashboard",
    about: "Today, this week and this month beside the period before.",
    action: "report.view_operations",
  },
  {
    href: "/dashboard/churn",
    title: "Clients at risk",
    about: "Clients who have stopped coming, with what to do.",
    action: "report.view_operations",
  },
  {
    href: "/reports/instructors",
    title: "Instructor performance",
    about: "Sessions, classes, attendance and rebooking per instructor.",
    action: "report.view_operations",
  },
  {
    href: "/reports/locations",
    title: "Locations compared",
    about: "Each location's figures side by side.",
    action: "report.view_operations",
  },
];

const STUDIO: ReportLink[] = [
  {
    href: "/export",
    title: "Export all the studio's data",
    about: "Every client, booking, payment and more as CSV files in one download.",
    action: "studio.export",
  },
];

/**
 * The reports a role may open, grouped as the index shows them. Only links: every report's
 * loader checks the permission again on the server.
 */
export function reportSections(role: Role) {
  const mine = (links: ReportLink[]) => links.filter((l) => mayEver(role, l.action)).map(({ action, ...l }) => l);
  return [
    { id: "money", title: "Money", links: mine(MONEY) },
    { id: "people", title: "People and classes", links: mine(PEOPLE) },
    { id: "studio", title: "The studio's data", links: mine(STUDIO) },
  ].filter((s) => s.links.length > 0);
}
