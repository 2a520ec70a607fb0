import type { Role } from "~db/schema/tenant";
import { mayEver } from "./permissions";

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
  const items: NavItem[] = [
    { to: "/", label: "Home" },
    { to: "/schedule", label: "Classes" },
    { to: "/services", label: "Services" },
  ];
  if (role === null) return [...items, { to: "/locations", label: "Locations" }];
  if (TEACHING_ROLES.includes(role)) {
    items.push({ to: "/teaching", label: "My teaching" }, { to: "/availability", label: "Availability" });
  }
  if (FRONT_DESK_ROLES.includes(role))
    items.push(
      { to: "/today", label: "Today" },
      { to: "/calendar", label: "Calendar" },
      { to: "/classes", label: "Timetable" },
    );
  if (mayEver(role, "client.view_list")) items.push({ to: "/clients", label: "Clients" });
  if (mayEver(role, "team.view")) items.push({ to: "/team", label: "Team" });
  if (mayEver(role, "location.modify")) items.push({ to: "/locations", label: "Locations" });
  if (mayEver(role, "outbox.view")) items.push({ to: "/outbox", label: "Messages" });
  if (mayEver(role, "settings.modify")) items.push({ to: "/settings", label: "Settings" });
  return [...items, { to: "/account", label: "My account" }];
}

/** People clients can book as instructors: an owner usually trains clients too. */
const TEACHING_ROLES: Role[] = ["instructor", "trainer", "org_owner"];
/** Who runs the floor: today's arrivals and the location calendar. */
const FRONT_DESK_ROLES: Role[] = ["receptionist", "location_manager", "org_owner"];
