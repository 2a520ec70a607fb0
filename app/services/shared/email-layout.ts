/**
 * The frame every email of a studio shares: the studio's name on top, short paragraphs, at most
 * one button, and a footer saying who sent it. Plain text and HTML come from the same parts so
 * they never say different things. The HTML is deliberately simple (inline styles, no images,
 * one column): mail clients strip stylesheets, and images get blocked.
 */

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);
}

export type EmailParts = {
  studioName: string;
  /** "Hello Maya,": the first line. */
  greeting: string;
  /** Paragraphs before the button; a paragraph's lines break where its "\n" are. */
  paragraphs: string[];
  /**
   * A code to show at a desk: in large type beside its QR code (inline SVG). Many mail clients
   * (Gmail) do not draw inline SVG, so the code in words is what always shows.
   */
  code?: { label: string; value: string; svg: string };
  /** The one thing to do next: a button in HTML, a labelled link in plain text. */
  action?: { label: string; url: string };
  /** Paragraphs after the button: what to do if something is wrong. */
  after?: string[];
};

const FONT = "font-family:Helvetica,Arial,sans-serif;";
const PARAGRAPH = `margin:0 0 16px;${FONT}font-size:16px;line-height:1.5;color:#1f2933;`;

export function emailLayout(parts: EmailParts): { text: string; html: string } {
  const after = parts.after ?? [];
  const footer = `Sent by ${parts.studioName} through Wondrous`;
  const text = [
    parts.greeting,
    ...parts.paragraphs,
    ...(parts.code ? [`${parts.code.label}: ${parts.code.value}`] : []),
    ...(parts.action ? [`${parts.action.label}:\n${parts.action.url}`] : []),
    ...after,
    `--\n${footer}`,
  ].join("\n\n");

  const paragraph = (p: string) => `<p style="${PARAGRAPH}">${escapeHtml(p).replace(/\n/g, "<br>")}</p>`;
  const code = parts.code
    ? `<table role="presentation" style="margin:0 0 16px;border-collapse:collapse;"><tr><td style="width:120px;height:120px;padding:0;">${parts.code.svg}</td><td style="padding:0 0 0 16px;${FONT}font-size:14px;color:#1f2933;">${escapeHtml(parts.code.label)}<br><strong style="font-size:28px;letter-spacing:2px;">${escapeHtml(parts.code.value)}</strong></td></tr></table>`
    : "";
  const button = parts.action
    ? `<p style="margin:24px 0;"><a href="${escapeHtml(parts.action.url)}" style="display:inline-block;padding:12px 20px;background:#1f2933;color:#ffffff;border-radius:6px;text-decoration:none;${FONT}font-size:16px;">${escapeHtml(parts.action.label)}</a></p>`
    : "";
  const html = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>',
    '<body style="margin:0;padding:0;background:#f5f5f4;">',
    '<div style="max-width:560px;margin:0 auto;padding:24px 16px;">',
    `<h1 style="margin:0 0 24px;${FONT}font-size:20px;color:#1f2933;">${escapeHtml(parts.studioName)}</h1>`,
    paragraph(parts.greeting),
    ...parts.paragraphs.map(paragraph),
    code,
    button,
    ...after.map(paragraph),
    `<p style="margin:32px 0 0;${FONT}font-size:13px;color:#6b7280;">${escapeHtml(footer)}</p>`,
    "</div></body></html>",
  ].join("");
  return { text, html };
}
