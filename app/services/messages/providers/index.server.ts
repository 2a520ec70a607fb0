import { type Env, env } from "~/env.server";
import { elasticEmail } from "./elastic-email.server";
import { infobip } from "./infobip.server";
import type { EmailProvider, SmsProvider } from "./types";

export { elasticEmail, infobip };

/** Elastic Email when its key is set; null otherwise, and the message is kept as "not sent". */
export function emailProvider(config: Env = env()): EmailProvider | null {
  if (!config.ELASTIC_EMAIL_API_KEY || !config.ELASTIC_EMAIL_FROM) return null;
  return elasticEmail({
    apiKey: config.ELASTIC_EMAIL_API_KEY,
    from: config.ELASTIC_EMAIL_FROM,
    apiUrl: config.ELASTIC_EMAIL_API_URL,
    timeoutMs: config.MESSAGE_PROVIDER_TIMEOUT_MS,
  });
}

/** Infobip when its key is set; null otherwise, and the message is kept as "not sent". */
export function smsProvider(config: Env = env()): SmsProvider | null {
  if (!config.INFOBIP_API_KEY || !config.INFOBIP_BASE_URL) return null;
  return infobip({
    apiKey: config.INFOBIP_API_KEY,
    baseUrl: config.INFOBIP_BASE_URL,
    sender: config.INFOBIP_SENDER,
    timeoutMs: config.MESSAGE_PROVIDER_TIMEOUT_MS,
  });
}
