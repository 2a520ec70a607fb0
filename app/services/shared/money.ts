/**
 * Money is stored as integer minor units (pence) plus the studio's currency. People type pounds
 * ("50", "50.00", "£1,250.5"); this is the one place that turns such text into pence, without
 * floating point.
 */
const POUNDS = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

/** Pence for a typed amount of pounds, or null when the text is not a plain positive amount. */
export function parsePoundsToMinor(text: string): number | null {
  const match = text.trim().replace(/^£\s*/, "").match(POUNDS);
  if (!match) return null;
  const whole = Number(match[1]!.replaceAll(",", ""));
  const fraction = Number((match[2] ?? "").padEnd(2, "0"));
  const minor = whole * 100 + fraction;
  return Number.isSafeInteger(minor) ? minor : null;
}

/** Pence as typed pounds again ("50.00"), for a form's default value. */
export function minorToPounds(minor: number): string {
  return `${Math.trunc(minor / 100)}.${String(minor % 100).padStart(2, "0")}`;
}

export function formatMoney(minor: number, currency: string): string {
  return new Intl.NumberFormat("en-GB", { style: "currency", currency }).format(minor / 100);
}

/** "£" for GBP: what a money field's label shows beside it. */
export function currencySymbol(currency: string): string {
  const parts = new Intl.NumberFormat("en-GB", { style: "currency", currency }).formatToParts(0);
  return parts.find((p) => p.type === "currency")?.value ?? currency;
}
