import type { User } from "~db/schema/tenant";

/** The account as the API shows it to its owner: no hashes, no staff-only fields. */
export function apiUser(user: Pick<User, "id" | "fullName" | "role">) {
  return { id: user.id, fullName: user.fullName, role: user.role };
}
