import { DateTime } from "luxon";
import { type FailedJob, listFailedJobs, retryFailedJob } from "~/models/failed-job.server";
import { listAllLocations } from "~/models/location.server";
import {
  findLoggedMessage,
  listLoggedMessages,
  type MessageFilter,
  type MessageScope,
} from "~/models/message-log.server";
import { requeueOutboxMessage } from "~/models/outbox.server";
import { assertCan, can } from "~/services/identity/permissions";
import { Forbidden, NotFound, Refused } from "~/services/shared/errors";
import { studioTimezone } from "~/services/studio/time.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import { type MessageStatus, type OutboxMessage, RESENDABLE_STATUSES, type User } from "~db/schema/tenant";
import {
  ATTENTION_STATUSES,
  MESSAGES_PER_PAGE,
  type MessageFilterInput,
  NEEDS_ATTENTION,
  STATUS_WORDS,
  templateWords,
} from "./message-log.schema";

/**
 * Owners and managers read every message; the front desk reads those at its locations and
 * those to clients whose home is one of them (the clients it looks after).
 */
function scopeOf(actor: User): MessageScope {
  return actor.role === "receptionist" ? { locationIds: actor.accessibleLocations } : null;
}

/**
 * Messages that carry a one-time link into someone's account. A manager or the front desk who
 * read one could sign in as its recipient (the owner, say), so only the owner, who can do
 * everything anyway, reads their text: without a provider the log is where the links wait.
 */
const PRIVATE_TEMPLATES = new Set(["sign-in-link", "password-reset", "staff-invitation", "verify-email"]);
const mayReadLinks = (actor: User) => actor.role === "org_owner";

async function clockFor(tenant: Tenant) {
  const [locations, fallback] = await Promise.all([listAllLocations(database(), tenant), studioTimezone(tenant)]);
  const zones = new Map(locations.map((l) => [l.id, l.timezone]));
  return (instant: Date | null, locationId: string | null) => {
    if (!instant) return null;
    const zone = (locationId && zones.get(locationId)) || fallback;
    return {
      iso: instant.toISOString(),
      words: DateTime.fromJSDate(instant, { zone }).toFormat("ccc d LLL yyyy, HH:mm ZZZZ"),
    };
  };
}

type Clock = Awaited<ReturnType<typeof clockFor>>;

function statusWords(message: OutboxMessage, clock: Clock) {
  if (message.status === "pending" && message.sendAfter && message.sendAfter.getTime() > Date.now()) {
    return `Waiting until ${clock(message.sendAfter, message.locationId)?.words} (quiet hours)`;
  }
  return STATUS_WORDS[message.status];
}

function summary(message: OutboxMessage, clock: Clock) {
  return {
    id: message.id,
    when: clock(message.createdAt, message.locationId)!,
    channel: message.channel,
    recipient: message.recipient,
    subject: message.subject,
    template: templateWords(message.template),
    status: message.status,
    statusWords: statusWords(message, clock),
    attempts: message.attempts,
    // The delivery job writes "Not sent: no provider" as the error too: said once is enough.
    lastError: message.lastError === STATUS_WORDS[message.status] ? null : message.lastError,
    canResend: (RESENDABLE_STATUSES as readonly MessageStatus[]).includes(message.status),
  };
}

export type MessageSummary = ReturnType<typeof summary>;

function filterOf(input: MessageFilterInput): MessageFilter {
  return {
    statuses: input.status === NEEDS_ATTENTION ? ATTENTION_STATUSES : input.status ? [input.status] : undefined,
    channel: input.channel,
    recipient: input.q || undefined,
  };
}

/** One page of the studio's message log, newest first, and whether an older page follows. */
export async function listMessages(tenant: Tenant, actor: User, input: MessageFilterInput) {
  assertCan(actor, "messages.view", {}, "Only the studio's managers and front desk can read its messages.");
  const rows = await listLoggedMessages(database(), tenant, scopeOf(actor), filterOf(input), {
    offset: (input.page - 1) * MESSAGES_PER_PAGE,
    limit: MESSAGES_PER_PAGE + 1,
  });
  const clock = await clockFor(tenant);
  const jobs = mayRunJobs(actor) ? await listFailedJobs(database(), tenant, FAILED_JOBS_SHOWN) : [];
  return {
    messages: rows.slice(0, MESSAGES_PER_PAGE).map((m) => summary(m, clock)),
    hasOlder: rows.length > MESSAGES_PER_PAGE,
    mayResend: canResend(actor),
    failedJobs: jobs.map((job) => failedJobSummary(job, clock)),
  };
}

const FAILED_JOBS_SHOWN = 20;

/** Background work in words: a reminder job that gave up means a client got no reminder. */
const JOB_WORDS: Record<FailedJob["queue"], string> = {
  "messages.deliver": "Sending a message",
  "bookings.remind": "Writing a booking reminder",
  "auth-tokens.purge": "Clearing out used sign-in links",
  "classes.extend-horizon": "Adding dates to weekly classes",
  "payments.expire-checkout": "Closing an unpaid card payment",
  "waitlist.fill": "Offering a freed class place to the waitlist",
  "waitlist.expire-offer": "Ending a waitlist offer nobody took",
  "waitlist.sweep": "Checking waitlists for places and ended offers",
  "requests.sweep": "Expiring and escalating booking requests",
  "payments.charge-no-show-fee": "Charging a no-show fee to a card on file",
};

function failedJobSummary(job: FailedJob, clock: Clock) {
  const error = job.output?.message;
  return {
    id: job.id,
    what: JOB_WORDS[job.queue],
    failedAt: clock(job.failedAt, null)!,
    retries: job.retries,
    error: typeof error === "string" ? error : null,
  };
}

/**
 * Jobs carry the studio, not a location, so the front desk (which sees its locations only)
 * does not see or run them; owners and managers do.
 */
const mayRunJobs = (actor: User) => canResend(actor) && scopeOf(actor) === null;

/** "Run again": one more attempt for a job of this studio that gave up. */
export async function retryJob(tenant: Tenant, actor: User, id: string) {
  assertCan(actor, "messages.retry", {}, "Only the studio's managers can run its jobs again.");
  if (!mayRunJobs(actor)) throw new Forbidden("Only the studio's managers can run its jobs again.");
  if (!(await retryFailedJob(database(), tenant, id))) {
    throw new Refused(409, "JOB_NOT_FAILED", "This job is no longer waiting to be run again. Reload the page.");
  }
}

const canResend = (actor: User) => can(actor, "messages.retry").allowed;

async function requireMessage(tenant: Tenant, actor: User, id: string) {
  const message = await findLoggedMessage(database(), tenant, scopeOf(actor), id);
  if (!message) throw new NotFound("There is no such message.");
  return message;
}

/** A message in full: its text (or why it is not shown), and the times it went through. */
export async function showMessage(tenant: Tenant, actor: User, id: string) {
  assertCan(actor, "messages.view", {}, "Only the studio's managers and front desk can read its messages.");
  const message = await requireMessage(tenant, actor, id);
  const clock = await clockFor(tenant);
  const hidden = PRIVATE_TEMPLATES.has(message.template) && !mayReadLinks(actor);
  return {
    ...summary(message, clock),
    mayResend: canResend(actor),
    body: hidden ? null : message.body,
    html: hidden ? null : message.html,
    attachments: message.attachments.map((a) => a.filename),
    sentAt: clock(message.sentAt, message.locationId),
    deliveredAt: clock(message.deliveredAt, message.locationId),
    provider: message.provider,
  };
}

/**
 * "Send again": back to waiting, with a new delivery job, in one transaction. Refused for a
 * message that went (or is going) out, so a double click cannot send it twice.
 */
export async function resendMessage(tenant: Tenant, actor: User, id: string) {
  assertCan(actor, "messages.retry", {}, "Only the studio's managers and front desk can send messages again.");
  const message = await requireMessage(tenant, actor, id);
  const requeued = await database().transaction((tx) => requeueOutboxMessage(tx, tenant, message.id));
  if (!requeued) {
    throw new Refused(
      409,
      "NOT_RESENDABLE",
      "This message is on its way or was sent already. Reload the page to see where it is.",
    );
  }
}
