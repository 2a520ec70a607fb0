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
  const items: NavItem[] = [
    { to: "/", label: "Home" },
    { to: "/locations", label: "Locations" },
  ];
  if (role === null) return items;
  if (role !== "client") items.push({ to: "/team", label: "Team" });
  return [...items, { to: "/account", label: "My account" }];
}
