import type PgBoss from "pg-boss";

/** pg-boss keeps its tables in this schema of the studios' database. */
export const JOBS_SCHEMA = "pgboss";

/**
 * A transaction that enqueued work due now sends this notification; it reaches listeners only
 * when the transaction commits, so a worker wakes for committed jobs and never for rolled-back ones.
 */
export const WAKE_CHANNEL = "wondrous_jobs";

export const DELIVER_MESSAGE = "messages.deliver";
export const SEND_REMINDER = "bookings.remind";
export const PURGE_AUTH_TOKENS = "auth-tokens.purge";
export const EXTEND_CLASS_HORIZON = "classes.extend-horizon";
export const EXPIRE_CHECKOUT = "payments.expire-checkout";
export const FILL_WAITLIST = "waitlist.fill";
export const EXPIRE_WAITLIST_OFFER = "waitlist.expire-offer";
export const SWEEP_WAITLISTS = "waitlist.sweep";
export const SWEEP_REQUESTS = "requests.sweep";
export const CHARGE_NO_SHOW_FEE = "payments.charge-no-show-fee";

export type QueueName =
  | typeof DELIVER_MESSAGE
  | typeof SEND_REMINDER
  | typeof PURGE_AUTH_TOKENS
  | typeof EXTEND_CLASS_HORIZON
  | typeof EXPIRE_CHECKOUT
  | typeof FILL_WAITLIST
  | typeof EXPIRE_WAITLIST_OFFER
  | typeof SWEEP_WAITLISTS
  | typeof SWEEP_REQUESTS
  | typeof CHARGE_NO_SHOW_FEE;

/**
 * Every queue and its retry policy. Created at migration time (db/migrator.ts), so a web
 * process can enqueue before any worker has started: pg-boss silently drops a job sent to a
 * queue that does not exist.
 */
export const QUEUES: Record<QueueName, PgBoss.Queue> = {
  // A provider outage of a few minutes is ridden out: 15 s, 30 s, 60 s ... up to about 8 minutes.
  [DELIVER_MESSAGE]: {
    name: DELIVER_MESSAGE,
    policy: "standard",
    retryLimit: 5,
    retryDelay: 15,
    retryBackoff: true,
    // A provider call times out after 10 s; a job still active after this is a stopped worker.
    expireInSeconds: 120,
  },
  [SEND_REMINDER]: {
    name: SEND_REMINDER,
    policy: "standard",
    retryLimit: 5,
    retryDelay: 10,
    retryBackoff: true,
    expireInSeconds: 60,
  },
  // Nightly sweeps; singleton so two runs never overlap.
  [PURGE_AUTH_TOKENS]: { name: PURGE_AUTH_TOKENS, policy: "singleton", retryLimit: 3, retryBackoff: true },
  [EXTEND_CLASS_HORIZON]: { name: EXTEND_CLASS_HORIZON, policy: "singleton", retryLimit: 3, retryBackoff: true },
  // The backstop for a Checkout page whose expiry webhook never came: Stripe unreachable is
  // retried for about an hour (30 s doubling), while the place stays held.
  [EXPIRE_CHECKOUT]: {
    name: EXPIRE_CHECKOUT,
    policy: "standard",
    retryLimit: 8,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 120,
  },
  // A place freed: offer it (or book the next in line). Quick retries: a client is waiting, and
  // the minute sweep is the backstop for a job that keeps failing.
  [FILL_WAITLIST]: {
    name: FILL_WAITLIST,
    policy: "standard",
    retryLimit: 5,
    retryDelay: 2,
    retryBackoff: true,
    expireInSeconds: 60,
  },
  // Due when an offer ends: the place goes to the next in line.
  [EXPIRE_WAITLIST_OFFER]: {
    name: EXPIRE_WAITLIST_OFFER,
    policy: "standard",
    retryLimit: 5,
    retryDelay: 5,
    retryBackoff: true,
    expireInSeconds: 60,
  },
  // Every minute: offers whose job was lost, classes that started (their lines close), places nobody offered.
  [SWEEP_WAITLISTS]: { name: SWEEP_WAITLISTS, policy: "singleton", retryLimit: 1, expireInSeconds: 120 },
  // Booking requests' expiry and escalation, every minute; singleton so two sweeps never overlap.
  [SWEEP_REQUESTS]: { name: SWEEP_REQUESTS, policy: "singleton", retryLimit: 3, retryBackoff: true },
  // A no-show's fee, charged to the card on file after the attendance that marked it commits.
  // Stripe unreachable is retried for about an hour; the PaymentIntent's idempotency key (the
  // booking) makes a retry charge once.
  [CHARGE_NO_SHOW_FEE]: {
    name: CHARGE_NO_SHOW_FEE,
    policy: "standard",
    retryLimit: 8,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 120,
  },
};
