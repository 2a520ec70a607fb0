import { createHash } from "node:crypto";
import {
  claimIdempotencyKey,
  findIdempotencyResult,
  releaseIdempotencyKey,
  saveIdempotencyResult,
} from "~/models/idempotency.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { ApiError } from "./api.server";

const KEY = /^[A-Za-z0-9_-]{1,100}$/;
const KEY_MESSAGE = "Idempotency-Key is 1 to 100 letters, digits, _ or -";
/** A claim whose request never finished (the process died) is given up after this long. */
const ABANDONED_MS = 60_000;

/** The `Idempotency-Key` header, if sent; a malformed one is a 400 (never silently ignored). */
export function idempotencyKeyOf(request: Request): string | undefined {
  const header = request.headers.get("idempotency-key");
  if (header === null) return undefined;
  if (!KEY.test(header))
    throw new ApiError(400, "INVALID_IDEMPOTENCY_KEY", KEY_MESSAGE, { "Idempotency-Key": [KEY_MESSAGE] });
  return header;
}

type Answer = { fingerprint: string; status: number; body: string; contentType: string };

/**
 * Answers a creating or spending API request at most once per `Idempotency-Key`: the first
 * request's answer (success or 4xx) is kept and a repeat gets it back with
 * `Idempotent-Replayed: true`, without acting again. The same key with another body or route is
 * a 422; a repeat racing the first is a 409 with `Retry-After`. A 5xx or a thrown error gives
 * the key back so a retry can act. Without the header the work simply runs.
 *
 * The engine's and payments' own keys (bookings, refunds, purchases) are claimed inside their
 * transactions and stay exactly-once; this wrapper serves the routes whose services take none.
 * If the process dies between the change and saving its answer, the claim is given up after a
 * minute, and a retry then acts again: at most once holds for every answer a client saw.
 */
export async function answerOnce(
  tenant: Tenant,
  actor: User,
  request: Request,
  work: (request: Request) => Promise<Response>,
): Promise<Response> {
  const key = idempotencyKeyOf(request);
  if (!key) return work(request);
  const bodyText = await request.text();
  const url = new URL(request.url);
  const action = `api ${request.method} ${url.pathname}`;
  const fingerprint = createHash("sha256").update(`${action}\n${url.search}\n${bodyText}`).digest("base64url");
  const claim = { userId: actor.id, key: `api:${key}`, action };
  const db = database();

  if (!(await claimIdempotencyKey(db, tenant, claim))) {
    const earlier = await findIdempotencyResult(db, tenant, claim.userId, claim.key);
    const answer = earlier?.result as Partial<Answer> | undefined;
    if (earlier && earlier.action === action && answer?.fingerprint === fingerprint && answer.status) {
      return new Response(answer.body, {
        status: answer.status,
        headers: {
          "Content-Type": answer.contentType ?? "application/json",
          "Cache-Control": "no-store",
          "Idempotent-Replayed": "true",
        },
      });
    }
    if (earlier && (earlier.action !== action || (answer?.fingerprint && answer.fingerprint !== fingerprint))) {
      throw new ApiError(
        422,
        "IDEMPOTENCY_KEY_REUSED",
        "This Idempotency-Key was already used for a different request. Send a new key with each new request.",
      );
    }
    if (earlier && Date.now() - earlier.createdAt.getTime() < ABANDONED_MS) {
      throw new IdempotencyKeyInUse();
    }
    await releaseIdempotencyKey(db, tenant, claim.userId, claim.key);
    if (!(await claimIdempotencyKey(db, tenant, claim))) throw new IdempotencyKeyInUse();
  }

  const retry = new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: bodyText || undefined,
  });
  let response: Response;
  try {
    response = await work(retry);
  } catch (error) {
    await releaseIdempotencyKey(db, tenant, claim.userId, claim.key);
    throw error;
  }
  if (response.status >= 500) {
    await releaseIdempotencyKey(db, tenant, claim.userId, claim.key);
    return response;
  }
  const answer: Answer = {
    fingerprint,
    status: response.status,
    body: await response.clone().text(),
    contentType: response.headers.get("content-type") ?? "application/json",
  };
  await saveIdempotencyResult(db, tenant, claim.userId, claim.key, answer);
  return response;
}

class IdempotencyKeyInUse extends ApiError {
  constructor() {
    super(
      409,
      "IDEMPOTENCY_KEY_IN_USE",
      "A request with this Idempotency-Key is still being answered. Retry shortly.",
      undefined,
      { "Retry-After": "2" },
    );
  }
}
