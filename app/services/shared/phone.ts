// PLACEHOLDER until helper C's phone numbers merge (replaced wholesale).
export function mobileFor(
  phone: string | null,
  _country: string,
): { ok: true; e164: string } | { ok: false; reason: string } {
  if (!phone) return { ok: false, reason: "No phone number" };
  return /^\+[1-9]\d{7,14}$/.test(phone) ? { ok: true, e164: phone } : { ok: false, reason: "Not a valid number" };
}
