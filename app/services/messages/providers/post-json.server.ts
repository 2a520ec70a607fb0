import { ProviderError } from "./types";

export type JsonPost = {
  /** The provider's name, the first word of every error. */
  provider: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  timeoutMs: number;
  /** The API key: cut out of any text the provider answers before it reaches an error message. */
  secret: string;
};

/** A 2xx answer. body is null when it was empty or not JSON: the provider still took the message. */
export type JsonAnswer = { status: number; body: unknown };

const DETAIL_LIMIT = 300;

/**
 * POSTs JSON to a provider and returns its 2xx answer; anything else throws a ProviderError
 * that says whether a later attempt may succeed. Redirects are not followed: a custom header
 * carrying the key would go with the request to wherever it points.
 */
export async function postJson(request: JsonPost): Promise<JsonAnswer> {
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", ...request.headers },
      body: JSON.stringify(request.body),
      redirect: "manual",
      signal: AbortSignal.timeout(request.timeoutMs),
    });
  } catch (error) {
    throw unreachable(request, error);
  }

  let text: string | null;
  try {
    text = await response.text();
  } catch {
    // The status came back but the body did not: the status still says what happened (after a
    // 2xx the provider has the message, and sending it again would send it twice).
    text = null;
  }

  const body = parseJson(text);
  if (response.ok) return { status: response.status, body };

  const detail = redact(errorDetail(body) ?? text ?? "", request.secret);
  const retryable = response.status >= 500 || response.status === 429;
  throw new ProviderError(
    `${request.provider} answered ${response.status}${detail ? `: ${detail}` : ""}`,
    retryable,
    response.status,
  );
}

/** No answer at all: a timeout or a network failure, both worth another attempt. */
function unreachable(request: JsonPost, error: unknown): ProviderError {
  if (error instanceof Error && error.name === "TimeoutError") {
    return new ProviderError(`${request.provider} did not answer within ${request.timeoutMs} ms`, true, null);
  }
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  const reason = typeof cause?.code === "string" ? cause.code : error instanceof Error ? error.message : "no answer";
  return new ProviderError(`${request.provider} unreachable: ${redact(reason, request.secret)}`, true, null);
}

function parseJson(text: string | null): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The provider's own words: Elastic Email's { Error }, Infobip's { requestError.serviceException }. */
function errorDetail(body: unknown): string | null {
  if (!body || typeof body !== "object") return null;
  const record = body as Record<string, unknown>;
  for (const key of ["Error", "error", "message", "Message"]) {
    if (typeof record[key] === "string") return record[key];
  }
  const exception = (record.requestError as { serviceException?: { messageId?: unknown; text?: unknown } } | undefined)
    ?.serviceException;
  if (exception && typeof exception.text === "string") {
    return typeof exception.messageId === "string" ? `${exception.messageId} ${exception.text}` : exception.text;
  }
  return null;
}

function redact(text: string, secret: string): string {
  const clean = secret ? text.replaceAll(secret, "[key]") : text;
  const oneLine = clean.replace(/\s+/g, " ").trim();
  return oneLine.length > DETAIL_LIMIT ? `${oneLine.slice(0, DETAIL_LIMIT)}…` : oneLine;
}
