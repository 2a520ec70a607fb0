import { type CountryCode, getCountries, isSupportedCountry, parsePhoneNumberFromString } from "libphonenumber-js/max";

/**
 * Phone numbers as the studio stores them: E.164 ("+447700900123"), read with the studio's
 * country as the region of numbers typed without "+". The "max" metadata (about 150 kB) is the
 * one that tells a mobile from a landline, so this file is for server code only: routes reach it
 * through *.server.ts services, never from a component.
 */

export type PhoneResult = { ok: true; e164: string } | { ok: false; reason: string };

/**
 * Ofcom keeps 07700 900000 to 900999 for drama: shaped like mobiles, never given to anyone.
 * libphonenumber calls them invalid; the demo studio and tests use them so that SMS can be shown
 * without texting a real person.
 */
const DRAMA_MOBILES = /^\+447700900\d{3}$/;

const MOBILE_TYPES = new Set(["MOBILE", "FIXED_LINE_OR_MOBILE"]);

function regionOf(country: string): CountryCode | undefined {
  const code = country.toUpperCase();
  return isSupportedCountry(code) ? code : undefined;
}

/** Whether phone numbers can be read with this ISO 3166 code as their region. */
export function isPhoneCountry(country: string): boolean {
  return regionOf(country) !== undefined;
}

function countryName(country: string) {
  try {
    return new Intl.DisplayNames(["en-GB"], { type: "region" }).of(country.toUpperCase()) ?? country;
  } catch {
    return country;
  }
}

/** Every country a studio may read phone numbers in, by name, for the settings' list. */
export function phoneCountries(): { code: string; name: string }[] {
  return getCountries()
    .map((code) => ({ code, name: countryName(code) }))
    .sort((a, b) => a.name.localeCompare(b.name, "en-GB"));
}

function parse(raw: string, country: string) {
  const number = parsePhoneNumberFromString(raw.trim(), { defaultCountry: regionOf(country), extract: false });
  if (!number) return null;
  if (DRAMA_MOBILES.test(number.number)) return { e164: number.number as string, mobile: true };
  if (!number.isValid()) return null;
  return { e164: number.number as string, mobile: MOBILE_TYPES.has(number.getType() ?? "") };
}

/** A typed number in E.164, or why it cannot be one (the message shown next to the field). */
export function normalisePhone(raw: string, country: string): PhoneResult {
  const parsed = parse(raw, country);
  if (parsed) return { ok: true, e164: parsed.e164 };
  return {
    ok: false,
    reason: raw.trim().startsWith("+")
      ? "That is not a valid phone number; check the country code and the digits"
      : `That is not a valid ${countryName(country)} phone number; for another country's, start with + and its code`,
  };
}

/** Where to text a client: an E.164 mobile, or why not ("No phone number", "Not a mobile number", "Not a valid number"). */
export function mobileFor(phone: string | null, country: string): PhoneResult {
  if (!phone?.trim()) return { ok: false, reason: "No phone number" };
  const parsed = parse(phone, country);
  if (!parsed) return { ok: false, reason: "Not a valid number" };
  if (!parsed.mobile) return { ok: false, reason: "Not a mobile number" };
  return { ok: true, e164: parsed.e164 };
}
