import fc from "fast-check";

/**
 * The values a hostile or careless client sends, for the route fuzz test (app/routes/fuzz.test.ts):
 * each family is one of the ways bad input used to become a 500.
 */

const nul = fc.oneof(
  fc.constantFrom("\u0000", "a\u0000b", "\u0000\u0000"),
  fc.string({ maxLength: 10 }).map((s) => `${s}\u0000${s}`),
);

const dates = fc.constantFrom(
  "0000-01-01",
  "9999-12-31",
  "0000-00-00",
  "1999-12-31",
  "2101-01-01",
  "2026-02-30",
  "99999-01-01",
  "+275760-09-13",
  "-000001-01-01",
  "0000-01-01T00:00:00Z",
  "9999-12-31T23:59:59Z",
  "0001-01-01T00:00:00+14:00",
  "2031-01-06T25:00:00Z",
  "2031-01-06T10:00:00",
  "25:61",
  "24:00",
  "23:59",
);

/** Keys that name members of Object.prototype: a plain-object lookup finds a function, not undefined. */
export const PROTO_KEYS = [
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "prototype",
  "__defineGetter__",
] as const;

const ids = fc.oneof(
  fc.constantFrom(
    "not-a-uuid",
    "00000000-0000-0000-0000-00000000000g",
    "00000000-0000-0000-0000-000000000000",
    "'; select 1;--",
    "1",
    "-1",
    "",
    " ",
    "%00",
  ),
  fc.uuid(),
);

const odd = fc.constantFrom(
  "x".repeat(100_000),
  "NaN",
  "Infinity",
  "-0",
  "1e308",
  "9".repeat(400),
  "\uD800",
  "🧘".repeat(500),
  "<script>alert(1)</script>",
  "%",
  "_",
  "\\",
  "null",
  "true",
  "[]",
  "{}",
);

/** A hostile string: any of the families, or plain random text. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  nul,
  dates,
  fc.constantFrom(...PROTO_KEYS),
  ids,
  odd,
  fc.string({ maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 20 }),
);

/** A hostile id for a path segment: not a uuid, someone else's uuid, or a NUL. */
export const hostileId = fc.oneof(ids, nul);

/** A hostile JSON value: wrong types, arrays where strings go, objects with prototype-named keys. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  fc.integer(),
  fc.constantFrom(1e308, -1, 0, -0, 2 ** 53 + 1, 0.5),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(fc.constantFrom(...PROTO_KEYS), hostileString, { maxKeys: 2 }),
  fc.constant({ a: { b: { c: { d: [[["deep"]]] } } } }),
);

/** Sets a key as an own property, even "__proto__" (plain assignment would change the prototype). */
export function withKey<T extends Record<string, unknown>>(target: T, key: string, value: unknown): T {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

/** Bodies no JSON route can read as the object it wants. */
export const rawJsonBodies = fc.constantFrom(
  "",
  "{",
  "null",
  "[]",
  '"text"',
  "1",
  "\u0000",
  '{"__proto__":{"role":"org_owner"}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"toString":"x","hasOwnProperty":1}',
  '{"a":"\\u0000"}',
  '{"\\u0000":"key"}',
);

/** A multipart body whose boundary does not match its header, or that stops half-way. */
export const brokenMultipart = fc.constantFrom(
  {
    type: "multipart/form-data; boundary=----right",
    body: '------wrong\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n------wrong--',
  },
  { type: "multipart/form-data; boundary=----right", body: '------right\r\nContent-Disposition: form-data; name="a"' },
  { type: "multipart/form-data", body: "no boundary at all" },
  { type: "multipart/form-data; boundary=", body: "" },
);
