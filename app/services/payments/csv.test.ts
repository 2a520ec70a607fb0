import { describe, expect, test } from "vitest";
import { csvField, csvLine, csvMoney } from "./csv";

describe("CSV fields", () => {
  test("quoted only when they must be, quotes doubled, CRLF line ends", () => {
    expect(csvLine(["plain", "a, b", 'say "hi"', "two\nlines", ""])).toBe(
      'plain,"a, b","say ""hi""","two\nlines",\r\n',
    );
  });

  test("text a spreadsheet would run as a formula is defused; negative amounts stay numbers", () => {
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("+44 7700")).toBe("'+44 7700");
    expect(csvField("@sum")).toBe("'@sum");
    expect(csvField("-19.50")).toBe("-19.50");
    expect(csvField("=1,2")).toBe(`"'=1,2"`);
  });

  test("money in plain decimals", () => {
    expect([csvMoney(3900), csvMoney(-1950), csvMoney(5), csvMoney(0)]).toEqual(["39.00", "-19.50", "0.05", "0.00"]);
  });
});
