/**
 * PostgreSQL refuses a NUL character in text (error 22021), so input carrying one is turned away
 * with this message where it enters, before it can reach a query and become a 500.
 */
export const NUL_MESSAGE = "Remove the invisible control character";

export const hasNul = (value: string) => value.includes("\u0000");

/**
 * Where in a parsed JSON body (or any plain value) a NUL first occurs, in a key or a string:
 * a dotted path like "address.line1" ("_" for the body itself), or undefined when there is none.
 */
export function findNul(value: unknown, path: string[] = []): string | undefined {
  if (typeof value === "string") return hasNul(value) ? path.join(".") || "_" : undefined;
  if (typeof value !== "object" || value === null) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    if (hasNul(key)) return [...path, key.replaceAll("\u0000", "")].join(".") || "_";
    const found = findNul(inner, [...path, key]);
    if (found !== undefined) return found;
  }
  return undefined;
}
