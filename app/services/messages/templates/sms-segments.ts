/**
 * What an SMS costs. A text in the GSM 03.38 alphabet (GSM-7) fits 160 characters in one
 * segment; one character outside it makes the whole text UCS-2, where a segment holds 70. The
 * studio pays per segment, so every transactional SMS is written to stay one GSM-7 segment.
 */

const GSM_BASIC = new Set(
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà",
);
// Sent as an escape plus a character: each counts two.
const GSM_EXTENSION = new Set("\f^{}\\[~]|€");

export const SMS_SEGMENT = 160;

type SmsSize = { encoding: "GSM-7" | "UCS-2"; segments: number; length: number };

export function smsSegments(text: string): SmsSize {
  let length = 0;
  for (const c of text) {
    if (GSM_BASIC.has(c)) length += 1;
    else if (GSM_EXTENSION.has(c)) length += 2;
    else return ucs2(text);
  }
  // Past one segment each part carries a 7-character header: 153 a part.
  return { encoding: "GSM-7", length, segments: length <= SMS_SEGMENT ? 1 : Math.ceil(length / 153) };
}

function ucs2(text: string): SmsSize {
  const length = text.length; // UTF-16 code units: an emoji counts two
  return { encoding: "UCS-2", length, segments: length <= 70 ? 1 : Math.ceil(length / 67) };
}

/** Characters people type that GSM-7 lacks, and what to write instead. */
const LOOKALIKES: Record<string, string> = {
  "‘": "'",
  "’": "'",
  "‚": "'",
  "′": "'",
  "“": '"',
  "”": '"',
  "„": '"',
  "″": '"',
  "–": "-",
  "—": "-",
  "‐": "-",
  "‑": "-",
  "−": "-",
  "…": "...",
  "\u00a0": " ",
  "\u202f": " ",
  "\t": " ",
  ł: "l",
  Ł: "L",
  đ: "d",
  Đ: "D",
  ð: "d",
  Ð: "D",
  þ: "th",
  Þ: "Th",
  œ: "oe",
  Œ: "OE",
  ı: "i",
  "•": "-",
  "`": "'",
  "´": "'",
};

/**
 * The text in GSM-7 only: letters GSM-7 has stay (é, ü, ø), others lose their accents (ą -> a,
 * Ó -> O) or take a look-alike (curly quotes, dashes, ł -> l); anything else becomes "?".
 */
export function toGsm7(text: string): string {
  let out = "";
  for (const c of text) {
    if (GSM_BASIC.has(c) || GSM_EXTENSION.has(c)) out += c;
    else if (c in LOOKALIKES) out += LOOKALIKES[c];
    else {
      const bare = c.normalize("NFD").replace(/\p{M}/gu, "");
      out += [...bare].every((b) => GSM_BASIC.has(b)) && bare !== "" ? bare : "?";
    }
  }
  return out;
}
