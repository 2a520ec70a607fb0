/**
 * Thrown by services when an actor tries what the matrix forbids. A tampered form or a bug,
 * not a business outcome: routes turn it into a 403 page, the API into
 * `{ error, code: "INSUFFICIENT_PERMISSIONS" }`.
 */
export class Forbidden extends Error {
  override name = "Forbidden";
  constructor(
    message = "Your account cannot do that.",
    /** Which rule of the matrix said no (identity's `DenialReason`), for pages that explain it. */
    readonly reason?: string,
  ) {
    super(message);
  }
}

/** The thing does not exist in this studio (or the actor may not know it does). */
export class NotFound extends Error {
  override name = "NotFound";
  constructor(message = "Not found") {
    super(message);
  }
}

/**
 * A booking-shaped "no" the person can act on: no credits (402), the slot went (409), the
 * client must call the studio (403). The API answers `{ error, code }` with the status; pages
 * show the message where the person is.
 */
export class Refused extends Error {
  override name = "Refused";
  constructor(
    readonly status: 400 | 402 | 403 | 404 | 409 | 410 | 422 | 503,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A typed phone number that is not one (in the studio's country, or with its own "+code"). Pages
 * show the message next to `field`; the API answers 400 `{ error, code: "INVALID_PHONE" }`.
 */
export class InvalidPhone extends Refused {
  override name = "InvalidPhone";
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(400, "INVALID_PHONE", message);
  }
}
