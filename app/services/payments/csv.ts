/**
 * CSV as spreadsheets read it (RFC 4180): fields with a comma, quote or line break go in double
 * quotes, quotes doubled; lines end in CRLF. Text a spreadsheet would run as a formula (a name
 * typed as "=HYPERLINK(...)") gets a leading apostrophe, so opening the export runs nothing.
 */
const FORMULA = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string): string {
  const safe = FORMULA.test(value) && !/^-\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvLine(fields: string[]): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}

/** Minor units as a plain decimal a spreadsheet sums ("-19.50"), without a currency sign. */
export function csvMoney(minor: number): string {
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
