/**
 * The line syntax of iCalendar (RFC 5545), shared by the schedule's subscription feeds and the
 * invitations attached to booking emails.
 */

/** "20261204T183000Z": instants in UTC, which every calendar converts to its reader's zone. */
export function icsUtc(date: Date) {
  return `${date.toISOString().replace(/[-:]/g, "").slice(0, 15)}Z`;
}

/** TEXT values escape backslash, semicolon, comma and newlines. */
export function icsText(value: string) {
  return value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

/** Lines longer than 75 octets fold onto continuation lines starting with a space. */
function fold(line: string) {
  const bytes = Buffer.from(line, "utf8");
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = "";
  for (const char of line) {
    const limit = parts.length === 0 ? 75 : 74;
    if (Buffer.byteLength(current + char, "utf8") > limit) {
      parts.push(current);
      current = char;
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts.join("\r\n ");
}

/** The content lines folded and ended with CRLF, as the format requires. */
export function icsDocument(lines: string[]) {
  return `${lines.map(fold).join("\r\n")}\r\n`;
}
