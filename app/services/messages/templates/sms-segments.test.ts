import { describe, expect, test } from "vitest";
import { fitOneSegment } from "./sms-fit";
import { smsSegments, toGsm7 } from "./sms-segments";

describe("smsSegments", () => {
  test("160 GSM-7 characters are one segment, 161 are two of 153", () => {
    expect(smsSegments("a".repeat(160))).toEqual({ encoding: "GSM-7", segments: 1, length: 160 });
    expect(smsSegments("a".repeat(161))).toEqual({ encoding: "GSM-7", segments: 2, length: 161 });
    expect(smsSegments("a".repeat(307))).toEqual({ encoding: "GSM-7", segments: 3, length: 307 });
  });

  test("the extension table's characters count two", () => {
    expect(smsSegments("€[]{}|^~\\")).toEqual({ encoding: "GSM-7", segments: 1, length: 18 });
    expect(smsSegments(`${"a".repeat(159)}€`).segments).toBe(2);
  });

  test("GSM-7 has é, ü, ø and £, but one ą or curly quote makes the whole text UCS-2", () => {
    expect(smsSegments("Café Zürich, Ørsted, £5").encoding).toBe("GSM-7");
    expect(smsSegments("Łukasiewicz")).toEqual({ encoding: "UCS-2", segments: 1, length: 11 });
    expect(smsSegments("you’re").encoding).toBe("UCS-2");
    expect(smsSegments("ą".repeat(71))).toEqual({ encoding: "UCS-2", segments: 2, length: 71 });
  });
});

describe("toGsm7", () => {
  test("keeps GSM-7 letters, strips other accents and swaps look-alikes", () => {
    expect(toGsm7("Zoë Łukasiewicz-Ó’Brien")).toBe("Zoe Lukasiewicz-O'Brien");
    expect(toGsm7("Café “Zen” – Kraków…")).toBe('Café "Zen" - Krakow...');
    expect(toGsm7("Straße Ørsted ñ")).toBe("Straße Ørsted ñ");
  });

  test("what has no Latin form becomes a question mark, never UCS-2", () => {
    const text = toGsm7("Yoga 🧘 北京");
    expect(text).toBe("Yoga ? ??");
    expect(smsSegments(text).encoding).toBe("GSM-7");
  });
});

describe("fitOneSegment", () => {
  const wordings = [
    (n: { who: string; what: string }) => `Hello ${n.who}, long form about ${n.what}, with every detail we have.`,
    (n: { who: string; what: string }) => `${n.who}: ${n.what}.`,
  ];

  test("takes the richest wording that fits", () => {
    expect(fitOneSegment({ who: "Maya", what: "yoga" }, wordings)).toBe(
      "Hello Maya, long form about yoga, with every detail we have.",
    );
    const long = "x".repeat(60);
    expect(fitOneSegment({ who: long, what: "y".repeat(60) }, wordings)).toBe(`${long}: ${"y".repeat(60)}.`);
  });

  test("cuts the longest names with an ellipsis when no wording fits", () => {
    const text = fitOneSegment({ who: "W".repeat(200), what: "short thing" }, wordings);
    expect(smsSegments(text)).toMatchObject({ encoding: "GSM-7", length: 160 });
    expect(text).toMatch(/^W+\.\.\.: short thing\.$/);
  });

  test("counts extension characters when cutting", () => {
    const text = fitOneSegment({ who: "€".repeat(120), what: "[".repeat(120) }, wordings);
    expect(smsSegments(text)).toMatchObject({ encoding: "GSM-7", segments: 1 });
  });
});
