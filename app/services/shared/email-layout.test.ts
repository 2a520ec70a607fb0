import { describe, expect, test } from "vitest";
import { emailLayout, escapeHtml } from "./email-layout";

describe("escapeHtml", () => {
  test("escapes the five characters that can open markup or close an attribute", () => {
    expect(escapeHtml(`<a href="x" title='y'>Tom & Jerry</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;",
    );
  });
});

describe("emailLayout", () => {
  const parts = {
    studioName: "Lotus <Yoga>",
    greeting: "Hello Maya,",
    paragraphs: ["First line\nsecond line", "Another paragraph."],
    action: { label: "See your booking", url: "https://lotus.example.test/bookings/1?a=1&b=2" },
    after: ["If this was not you, tell us."],
  };

  test("plain text: greeting, paragraphs, the labelled link, what follows, and the footer, in order", () => {
    expect(emailLayout(parts).text).toBe(
      [
        "Hello Maya,",
        "First line\nsecond line",
        "Another paragraph.",
        "See your booking:\nhttps://lotus.example.test/bookings/1?a=1&b=2",
        "If this was not you, tell us.",
        "--\nSent by Lotus <Yoga> through Wondrous",
      ].join("\n\n"),
    );
  });

  test("HTML: the studio's name on top, one button, line breaks, everything escaped, inline styles only", () => {
    const { html } = emailLayout(parts);
    expect(html).toContain(">Lotus &lt;Yoga&gt;</h1>");
    expect(html).toContain("First line<br>second line");
    expect(html).toContain('href="https://lotus.example.test/bookings/1?a=1&amp;b=2"');
    expect(html.match(/<a /g)).toHaveLength(1);
    expect(html).toContain("Sent by Lotus &lt;Yoga&gt; through Wondrous");
    expect(html).not.toMatch(/<img|<style|<script|class=/);
    expect(html.indexOf("Another paragraph.")).toBeLessThan(html.indexOf("See your booking</a>"));
    expect(html.indexOf("See your booking</a>")).toBeLessThan(html.indexOf("If this was not you"));
  });

  test("without an action there is no button and no link", () => {
    const { text, html } = emailLayout({ studioName: "Lotus", greeting: "Hello,", paragraphs: ["Just so you know."] });
    expect(html).not.toContain("<a ");
    expect(text).toBe("Hello,\n\nJust so you know.\n\n--\nSent by Lotus through Wondrous");
  });
});
