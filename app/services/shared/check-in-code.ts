import QRCode from "qrcode";

/**
 * A booking's check-in code as people see it: in words and as a QR code. Here rather than in the
 * desk because the booking emails (messages, below the desk) show it too.
 */

/** "K7M2Q9XD" shown as "K7M2 Q9XD": two groups of four are easier to read out at the desk. */
export function displayCheckInCode(code: string): string {
  return `${code.slice(0, 4)} ${code.slice(4)}`;
}

/**
 * The code as a QR code in inline SVG, for a desk scanner that types what it reads: just the 8
 * characters, so it types the code and nothing else. Version 1 at level M (about 1 KB, drawn on
 * the server: no script, no image request), labelled for screen readers.
 */
export async function checkInQrSvg(code: string): Promise<string> {
  const svg = await QRCode.toString(code, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  const label = `QR code of check-in code ${displayCheckInCode(code)}`;
  return svg
    .trim()
    .replace("<svg ", `<svg role="img" aria-label="${label}" `)
    .replace(/(<svg[^>]*>)/, `$1<title>${label}</title>`);
}
