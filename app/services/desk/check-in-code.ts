/**
 * A booking's check-in code as people and scanners type it. The database draws 8 characters
 * from this alphabet (no 0/O, 1/I, which are misread); lower case, spaces and dashes are
 * accepted, anything else means the text is not a code (a name, say).
 */
export const CHECK_IN_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
const CODE = /^[2-9A-HJ-NP-Z]{8}$/;

/** The code in a typed or scanned text, or null when the text cannot be one. */
export function readCheckInCode(text: string): string | null {
  const compact = text.replace(/[\s-]/g, "").toUpperCase();
  return CODE.test(compact) ? compact : null;
}

// Shown the same way on the desk, the booking page and in emails.
export { displayCheckInCode } from "~/services/shared/check-in-code";
