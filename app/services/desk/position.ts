/**
 * A client's position as their browser reported it, and how far it is from a location. Anything
 * that is not a place on Earth (out of range, not a number, missing) is no position at all.
 */

export type Position = { latitude: number; longitude: number; accuracyMetres: number | null };

/** Beyond this a browser's fix says little (a desktop on Wi-Fi, a phone indoors without GPS). */
export const WORST_USEFUL_ACCURACY_METRES = 1000;

const EARTH_RADIUS_METRES = 6_371_008.8;

function finite(value: unknown): number | null {
  if (value === null || value === undefined || value === "") return null;
  const n = typeof value === "number" ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

/** A position from untrusted input (a form or JSON), or null when it is not one. */
export function readPosition(latitude: unknown, longitude: unknown, accuracy?: unknown): Position | null {
  const lat = finite(latitude);
  const lng = finite(longitude);
  if (lat === null || lng === null) return null;
  if (lat < -90 || lat > 90 || lng < -180 || lng > 180) return null;
  const acc = finite(accuracy);
  return { latitude: lat, longitude: lng, accuracyMetres: acc !== null && acc >= 0 ? acc : null };
}

/** Great-circle distance in metres (haversine); ample for "within 500 m". */
export function distanceMetres(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }) {
  const rad = (deg: number) => (deg * Math.PI) / 180;
  const dLat = rad(b.latitude - a.latitude);
  const dLng = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
}
