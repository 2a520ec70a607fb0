import { describe, expect, test } from "vitest";
import { parseHost } from "./host";

describe("parseHost", () => {
  test.each([
    ["wondrous.app", { kind: "apex" }],
    ["www.wondrous.app", { kind: "apex" }],
    ["WONDROUS.APP:443", { kind: "apex" }],
    ["demo.wondrous.app", { kind: "studio", slug: "demo" }],
    ["Demo.Wondrous.App:8080", { kind: "studio", slug: "demo" }],
    ["demo.wondrous.app.", { kind: "studio", slug: "demo" }],
    ["a.b.wondrous.app", { kind: "foreign" }],
    ["evilwondrous.app", { kind: "foreign" }],
    ["demo.example.com", { kind: "foreign" }],
    ["127.0.0.1:3000", { kind: "foreign" }],
    ["-bad.wondrous.app", { kind: "foreign" }],
  ])("%s", (host, expected) => {
    expect(parseHost(host, "wondrous.app")).toEqual(expected);
  });

  test("no Host header is not ours", () => {
    expect(parseHost(null, "wondrous.app")).toEqual({ kind: "foreign" });
  });

  test("development on localhost", () => {
    expect(parseHost("localhost:3000", "localhost")).toEqual({ kind: "apex" });
    expect(parseHost("demo.localhost:3000", "localhost")).toEqual({ kind: "studio", slug: "demo" });
  });
});
