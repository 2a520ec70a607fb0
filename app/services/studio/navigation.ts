import { mayEver } from "~/services/identity/permissions";
import type { Role, StudioType } from "~db/schema/tenant";

export type NavItem = { to: string; label: string };

const ROLE_LABELS: Record<Role, string> = {
  org_owner: "Studio owner",
  location_manager: "Location manager",
  instructor: "Instructor",
  trainer: "Trainer",
  receptionist: "Receptionist",
  finance_manager: "Finance manager",
  client: "Client",
};

export function roleLabel(role: Role) {
  return ROLE_LABELS[role];
}

/**
 * The studio's main navigation for a visitor (null) or a signed-in role. It lists only pages
 * that exist; each capability adds its entries here as it lands. Showing a link is a
 * convenience: every page still checks permission on the server.
 *
 * The studio's type puts what it mostly sells first: a session-based studio lists services
 * (its 1:1 sessions) before classes and gives clients "Book" in the header; the others give
 * clients the class schedule there, and a class-based one gives the front desk the timetable
 * straight after the calendar.
 */
export function navigationFor(role: Role | null, studioType: StudioType = "hybrid"): NavItem[] {
  const home: NavItem = { to: "/", label: "Home" };
  const classes: NavItem = { to: "/schedule", label: "Classes" };
  const services: NavItem = { to: "/services", label: "Services" };
  const browse = studioType === "session_based" ? [services, classes] : [classes, services];
  if (role === null) return [home, ...browse, { to: "/locations", label: "Locations" }];
  const account: NavItem = { to: "/account", label: "My account" };
  const book: NavItem = { to: "/book", label: "Book" };
  const myBookings: NavItem = { to: "/bookings", label: "My bookings" };
  // A client comes to book: what they book and their bookings first, where a phone shows them
  // (the first PRIMARY_LINKS). Classes lead unless the studio sells sessions only; booking a
  // session stays one tap from the home page.
  const packages: NavItem = { to: "/packages", label: "Packages" };
  if (role === "client")
    return studioType === "session_based"
      ? [home, book, myBookings, services, classes, packages, account]
      : [home, classes, myBookings, book, services, packages, account];
  // The day's work first: the page shows the first few and folds the rest under "More".
  const bookings: NavItem = { to: "/bookings", label: "Bookings" };
  const work: NavItem[] = [];
  const timetable: NavItem = { to: "/classes", label: "Timetable" };
  const timetableEarly = studioType === "class_based" && FRONT_DESK_ROLES.includes(role);
  // The owner's and managers' day starts with how the studio is doing.
  if (mayEver(role, "report.view_operations")) work.push({ to: "/dashboard", label: "Dashboard" });
  if (FRONT_DESK_ROLES.includes(role))
    work.push({ to: "/desk", label: "Desk" }, { to: "/today", label: "Today" }, bookings, {
      to: "/calendar",
      label: "Calendar",
    });
  if (timetableEarly) work.push(timetable);
  if (TEACHING_ROLES.includes(role)) work.push({ to: "/teaching", label: "My teaching" });
  if (mayEver(role, "client.view_list")) work.push({ to: "/clients", label: "Clients" });
  // Instructors see the bookings they teach (their day is on My teaching).
  if (!FRONT_DESK_ROLES.includes(role) && mayEver(role, "booking.view_all")) work.push(bookings);
  if (TEACHING_ROLES.includes(role)) work.push({ to: "/availability", label: "Availability" });
  if (FRONT_DESK_ROLES.includes(role) && !timetableEarly) work.push(timetable);
  if (mayEver(role, "team.view")) work.push({ to: "/team", label: "Team" });
  const admin: NavItem[] = [];
  // Every payment with totals: the finance manager's main page, among the owner's admin ones.
  const payments: NavItem = { to: "/payments", label: "Payments" };
  if (mayEver(role, "payment.view_all")) (FRONT_DESK_ROLES.includes(role) ? admin : work).unshift(payments);
  // The reports: the finance manager's work with Payments, an admin page for the owner and managers.
  const reports: NavItem = { to: "/reports", label: "Reports" };
  if (mayEver(role, "report.view")) (FRONT_DESK_ROLES.includes(role) ? admin : work).unshift(reports);
  // Managers and the owner set packages up (clients buy them; the front desk reach credits from a client's page).
  if (mayEver(role, "service.modify_pricing")) admin.push({ to: "/packages", label: "Packages" });
  // New clients who took the intro offer, waiting to be matched with an instructor.
  if (mayEver(role, "team.manage")) admin.push({ to: "/intro-signups", label: "Intro sign-ups" });
  if (mayEver(role, "location.modify")) admin.push({ to: "/locations", label: "Locations" });
  if (mayEver(role, "messages.view")) admin.push({ to: "/messages", label: "Messages" });
  if (mayEver(role, "settings.modify")) admin.push({ to: "/settings", label: "Settings" });
  return [home, ...work, ...browse, ...admin, account];
}

/** How many links the header shows before folding the rest under "More" (fits a 360 px row). */
export const PRIMARY_LINKS = 3;

/** People clients can book as instructors: an owner usually trains clients too. */
const TEACHING_ROLES: Role[] = ["instructor", "trainer", "org_owner"];
/** Who runs the floor: today's arrivals and the location calendar. */
const FRONT_DESK_ROLES: Role[] = ["receptionist", "location_manager", "org_owner"];
