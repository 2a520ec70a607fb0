import { availableParallelism } from "node:os";
import { z } from "zod";

const DEV_SESSION_SECRET = "wondrous-development-secret-not-for-production";

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    // Host name that studios' subdomains hang off, without scheme or port: "wondrous.app".
    APP_DOMAIN: z
      .string()
      .regex(/^[a-z0-9.-]+$/, "must be a bare host name such as wondrous.app or localhost")
      .default("localhost"),
    // Scheme used in links we build to a studio's subdomain (https behind Fly's proxy).
    APP_PROTOCOL: z.enum(["http", "https"]).optional(),
    // Port shown in those links; defaults to PORT in development, none in production.
    APP_PUBLIC_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    DATABASE_URL: z
      .string()
      .url()
      .refine((url) => /^postgres(ql)?:\/\//.test(url), "must be a postgres:// URL")
      .optional(),
    SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    // Who may name the client's address: "none" (no proxy in front), "fly" (Fly-Client-IP), or
    // a number of X-Forwarded-For hops to trust. See server/client-address.ts.
    TRUST_PROXY: z
      .string()
      .regex(/^(none|fly|[1-9])$/, 'must be "none", "fly" or a number of proxy hops (1-9)')
      .default("none"),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
    // Embedded PostgreSQL (used when DATABASE_URL is unset): data folder and port.
    WONDROUS_DATA_DIR: z.string().min(1).optional(),
    WONDROUS_PG_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    // "1" for a cluster thrown away after the run (the e2e server): no fsync. Never in production.
    WONDROUS_THROWAWAY_DB: z.enum(["0", "1"]).default("0"),
    // "0" skips creating the demo studio at start (production).
    WONDROUS_SEED: z.enum(["0", "1"]).default("1"),
    // "0" keeps the job worker (messages, reminders, nightly sweeps) out of the web process:
    // production runs it as its own process (npm run worker, fly.toml's worker group).
    WONDROUS_WORKER: z.enum(["0", "1"]).default("1"),
    // How many web processes serve HTTP (server/cluster.ts): "auto" for one per core the machine
    // offers, or a number. At 1 the server is one process, as `npm start` and the tests run it.
    WEB_CONCURRENCY: z
      .string()
      .regex(/^(auto|[1-9]|[1-5][0-9]|6[0-4])$/, 'must be "auto" or a number of web processes (1-64)')
      .default("1")
      .transform((value) => (value === "auto" ? availableParallelism() : Number(value))),

    // Message providers (app/services/messages/providers). Without a key the channel has no
    // provider: its messages stay in the studio's message log as "not sent", so development
    // needs no account.
    // Elastic Email API key (REST API v4) with the "Send Http" access level.
    ELASTIC_EMAIL_API_KEY: z.string().min(1).optional(),
    // Sending address on a domain verified in Elastic Email; the studio's name is shown beside it.
    ELASTIC_EMAIL_FROM: z.string().email("must be an email address").optional(),
    // Elastic Email's API root; tests point it at a local server.
    ELASTIC_EMAIL_API_URL: z.string().url().default("https://api.elasticemail.com/v4"),
    // Infobip API key (sent as "Authorization: App <key>").
    INFOBIP_API_KEY: z.string().min(1).optional(),
    // The account's API base URL from the Infobip portal: https://xxxxx.api.infobip.com
    INFOBIP_BASE_URL: z
      .string()
      .regex(/^(https?:\/\/)?[A-Za-z0-9.-]+(:\d+)?\/?$/, "must be a base URL such as https://xxxxx.api.infobip.com")
      .optional(),
    // SMS sender: a name of 3-11 letters and digits, or a number in international format. Only a
    // number can receive a client's reply (CANCEL).
    INFOBIP_SENDER: z
      .string()
      .regex(/^([A-Za-z0-9 ]{3,11}|\+?[0-9]{3,16})$/, "must be 3-11 letters and digits, or a phone number")
      .default("Wondrous"),
    // How long either provider may take to answer; a timeout is retried like a 5xx.
    MESSAGE_PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),

    // Infobip's calls to us: delivery reports and replies. Each endpoint answers nobody until
    // its secret is set; Infobip sends it as ?secret= in the URL it is given.
    SMS_DELIVERY_REPORT_SECRET: z.string().min(24, "must be at least 24 characters").optional(),
    SMS_INBOUND_SECRET: z.string().min(24, "must be at least 24 characters").optional(),

    // Stripe Connect (app/services/payments/stripe.server.ts reads these). Without a secret key
    // online payment is off and pages say so; desk payments in cash or on a terminal still work.
    STRIPE_SECRET_KEY: z
      .string()
      .regex(/^(sk|rk)_(test|live)_\w+$/, "must be a Stripe secret or restricted key (sk_… or rk_…)")
      .optional(),
    // The Connect webhook endpoint's signing secret(s), comma-separated while rotating.
    STRIPE_WEBHOOK_SECRET: z
      .string()
      .regex(/^whsec_\w+(,\s*whsec_\w+)*$/, "must be whsec_… (comma-separated for more than one)")
      .optional(),
    // Tests and local fakes only: the Stripe API's address.
    STRIPE_API_BASE: z.string().url().optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.SESSION_SECRET) {
      ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "is required in production" });
    }
    if (env.ELASTIC_EMAIL_API_KEY && !env.ELASTIC_EMAIL_FROM) {
      ctx.addIssue({ code: "custom", path: ["ELASTIC_EMAIL_FROM"], message: "is required with ELASTIC_EMAIL_API_KEY" });
    }
    if (env.INFOBIP_API_KEY && !env.INFOBIP_BASE_URL) {
      ctx.addIssue({ code: "custom", path: ["INFOBIP_BASE_URL"], message: "is required with INFOBIP_API_KEY" });
    }
    // The API keys travel in request headers: in production only over TLS.
    for (const key of ["ELASTIC_EMAIL_API_URL", "INFOBIP_BASE_URL"] as const) {
      if (env.NODE_ENV === "production" && env[key]?.startsWith("http://")) {
        ctx.addIssue({ code: "custom", path: [key], message: "must be https in production" });
      }
    }
  });

export type Env = Omit<z.infer<typeof EnvSchema>, "SESSION_SECRET"> & { SESSION_SECRET: string };

/** Reads and checks the environment; throws an error that names every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  }
  return { ...result.data, SESSION_SECRET: result.data.SESSION_SECRET ?? DEV_SESSION_SECRET };
}

export class EnvError extends Error {
  override name = "EnvError";
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
