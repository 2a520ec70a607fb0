import { mayEver } from "~/services/identity/permissions";
import type { Role } from "~db/schema/tenant";

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
 */
export function navigationFor(role: Role | null): NavItem[] {
  const home: NavItem = { to: "/", label: "Home" };
  const browse: NavItem[] = [
    { to: "/schedule", label: "Classes" },
    { to: "/services", label: "Services" },
  ];
  if (role === null) return [home, ...browse, { to: "/locations", label: "Locations" }];
  const account: NavItem = { to: "/account", label: "My account" };
  // A client comes to book: booking and their bookings first, where a phone shows them.
  if (role === "client")
    return [
      home,
      { to: "/book", label: "Book" },
      { to: "/bookings", label: "My bookings" },
      ...browse,
      { to: "/packages", label: "Packages" },
      account,
    ];
  // The day's work first: the page shows the first few and folds the rest under "More".
  const bookings: NavItem = { to: "/bookings", label: "Bookings" };
  const work: NavItem[] = [];
  if (FRONT_DESK_ROLES.includes(role))
    work.push({ to: "/today", label: "Today" }, bookings, { to: "/calendar", label: "Calendar" });
  if (TEACHING_ROLES.includes(role)) work.push({ to: "/teaching", label: "My teaching" });
  if (mayEver(role, "client.view_list")) work.push({ to: "/clients", label: "Clients" });
  // Instructors see the bookings they teach (their day is on My teaching).
  if (!FRONT_DESK_ROLES.includes(role) && mayEver(role, "booking.view_all")) work.push(bookings);
  if (TEACHING_ROLES.includes(role)) work.push({ to: "/availability", label: "Availability" });
  if (FRONT_DESK_ROLES.includes(role)) work.push({ to: "/classes", label: "Timetable" });
  if (mayEver(role, "team.view")) work.push({ to: "/team", label: "Team" });
  const admin: NavItem[] = [];
  // Managers and the owner set packages up (clients buy them; the front desk reach credits from a client's page).
  if (mayEver(role, "service.modify_pricing")) admin.push({ to: "/packages", label: "Packages" });
  if (mayEver(role, "location.modify")) admin.push({ to: "/locations", label: "Locations" });
  if (mayEver(role, "outbox.view")) admin.push({ to: "/outbox", label: "Messages" });
  if (mayEver(role, "settings.modify")) admin.push({ to: "/settings", label: "Settings" });
  return [home, ...work, ...browse, ...admin, account];
}

/** How many links the header shows before folding the rest under "More" (fits a 360 px row). */
export const PRIMARY_LINKS = 3;

/** People clients can book as instructors: an owner usually trains clients too. */
const TEACHING_ROLES: Role[] = ["instructor", "trainer", "org_owner"];
/** Who runs the floor: today's arrivals and the location calendar. */
const FRONT_DESK_ROLES: Role[] = ["receptionist", "location_manager", "org_owner"];
