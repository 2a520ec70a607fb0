import { createHash, timingSafeEqual } from "node:crypto";
import { ApiError } from "~/services/identity/api.server";

const digest = (text: string) => createHash("sha256").update(text).digest();

/**
 * Infobip calls us with the secret we gave it, in the URL (`?secret=`, the only place a
 * notifyUrl can carry it) or in `X-Wondrous-Secret`. Without a configured secret the endpoint
 * serves nobody; the comparison takes the same time however much of a guess is right.
 */
export function requireWebhookSecret(request: Request, configured: string | undefined) {
  if (!configured) throw new ApiError(503, "NOT_CONFIGURED", "This endpoint is not switched on");
  const given = new URL(request.url).searchParams.get("secret") ?? request.headers.get("x-wondrous-secret");
  if (!given || !timingSafeEqual(digest(given), digest(configured))) {
    throw new ApiError(401, "UNAUTHENTICATED", "Send the endpoint's secret");
  }
}
