import { SMS_SEGMENT, smsSegments, toGsm7 } from "./sms-segments";

/**
 * Writes an SMS that fits one GSM-7 segment whatever the names are. A template offers its
 * wordings richest first (with the instructor, then without, then the bare facts); the first
 * that fits with whole names wins. When none does, the plainest wording is used and the longest
 * names are cut with "..." until it fits; no name gets shorter than a recognisable start.
 * Names arrive in GSM-7 letters (toGsm7), so an accent never turns the text into UCS-2.
 */
export type SmsWording<K extends string> = (names: Record<K, string>) => string;

const SHORTEST_NAME = 10; // "Wolfesc..." still says who or what
const ELLIPSIS = "...";

const fits = (text: string) => smsSegments(text).length <= SMS_SEGMENT;

export function fitOneSegment<K extends string>(names: Record<K, string>, wordings: SmsWording<K>[]): string {
  const clean = Object.fromEntries(
    Object.entries<string>(names).map(([k, v]) => [k, toGsm7(v.replace(/\s+/g, " ").trim())]),
  ) as Record<K, string>;
  for (const wording of wordings) {
    const text = toGsm7(wording(clean));
    if (fits(text)) return text;
  }
  const plainest = wordings[wordings.length - 1] as SmsWording<K>;
  const cut = { ...clean };
  for (;;) {
    const text = toGsm7(plainest(cut));
    const over = smsSegments(text).length - SMS_SEGMENT;
    if (over <= 0) return text;
    // Only names the wording shows, longest first: cutting evens them out rather than
    // leaving one whole and another down to its first letters.
    const [longest, next] = (Object.keys(cut) as K[])
      .filter((k) => text.includes(cut[k]))
      .sort((a, b) => cut[b].length - cut[a].length);
    if (longest === undefined || cut[longest].length <= SHORTEST_NAME) return hardCut(text);
    const length = cut[longest].length;
    const evenWith = next === undefined ? 0 : cut[next].length;
    cut[longest] = shorten(
      clean[longest],
      Math.max(SHORTEST_NAME, Math.min(length - 1, Math.max(length - over, evenWith))),
    );
  }
}

function shorten(name: string, length: number) {
  // "Studio, Second..." rather than "Studio, Second ,...": no dangling space or punctuation.
  return name.slice(0, length - ELLIPSIS.length).replace(/[\s,.;:-]+$/, "") + ELLIPSIS;
}

/** The last resort when even short names overflow (a template's own words being too long). */
function hardCut(text: string) {
  let cut = text;
  while (!fits(cut + ELLIPSIS)) cut = cut.slice(0, -1);
  return cut + ELLIPSIS;
}
