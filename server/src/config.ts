import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseEnv } from "node:util";
import { isSupportedCountry } from "libphonenumber-js";
import { z } from "zod";

// The only module that reads the environment. Everything else receives a Config.

const bool = (name: string) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => ["true", "false", "1", "0", "yes", "no"].includes(v), {
      message: `${name} must be true or false`,
    })
    .transform((v) => v === "true" || v === "1" || v === "yes");

const port = (name: string) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `${name} must be an integer between 0 and 65535`)
    .transform(Number)
    .refine((n) => n <= 65535, `${name} must be an integer between 0 and 65535`);

const positiveInt = (name: string) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `${name} must be a positive integer`)
    .transform(Number)
    .refine((n) => n > 0, `${name} must be a positive integer`);

// false (default): the socket address is the client; true: trust every X-Forwarded-* hop; a number: trust
// that many hops; otherwise a comma-separated list of proxy addresses/CIDRs to trust.
const trustProxy = z
  .string()
  .trim()
  .transform((v): boolean | number | string[] => {
    const lower = v.toLowerCase();
    if (["true", "yes"].includes(lower)) return true;
    if (["false", "no", ""].includes(lower)) return false;
    if (/^\d+$/.test(v)) return Number(v);
    return v
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  })
  .refine(
    (v) => !Array.isArray(v) || v.every((c) => /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(c) || c === "loopback"),
    "TRUST_PROXY must be true, false, a number of proxy hops, or a comma-separated list of proxy IPs/CIDRs",
  );

const httpUrl = (name: string) =>
  z
    .string()
    .trim()
    .refine((v) => /^https?:\/\/[^\s/]+/.test(v) && URL.canParse(v), `${name} must be an http(s) URL`)
    .transform((v) => v.replace(/\/+$/, ""));

const noStraySpaces = (name: string) =>
  z
    .string()
    .min(1, `${name} must not be empty when set`)
    .refine((v) => v === v.trim(), `${name} has leading or trailing spaces; remove them`);

const cidrList = z
  .string()
  .transform((v) =>
    v
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .refine(
    (list) => list.every((c) => /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(c)),
    "GUPSHUP_WEBHOOK_IPS must be a comma-separated list of IPs or CIDR ranges, e.g. 10.0.0.0/8,1.2.3.4",
  );

const EnvSchema = z.object({
  NODE_ENV: z
    .enum(["development", "production", "test"], {
      message: "NODE_ENV must be development, production or test",
    })
    .default("development"),
  PORT: port("PORT").default(4000),
  HOST: z.string().trim().min(1, "HOST must not be empty").default("127.0.0.1"),
  DATABASE_URL: z
    .string()
    .trim()
    .refine(
      (v) => /^postgres(ql)?:\/\//.test(v) && URL.canParse(v),
      "DATABASE_URL must be a postgres URL like postgres://user@host:5432/db (unset it to use the embedded database)",
    )
    .optional(),
  DATA_DIR: z.string().trim().min(1, "DATA_DIR must not be empty").default("./data"),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
      message: "LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent",
    })
    .default("info"),
  DEFAULT_COUNTRY: z
    .string()
    .trim()
    .toUpperCase()
    .refine(
      (v) => isSupportedCountry(v),
      "DEFAULT_COUNTRY must be a two-letter country code such as IN or US",
    )
    .default("IN"),
  SIMULATOR_PORT: port("SIMULATOR_PORT").default(4010),
  ADMIN_EMAIL: z.email("ADMIN_EMAIL must be an email address").optional(),
  ADMIN_PASSWORD: z
    .string()
    .min(8, "ADMIN_PASSWORD must be at least 8 characters")
    .max(128, "ADMIN_PASSWORD must be at most 128 characters")
    .optional(),
  TRUST_PROXY: trustProxy.default(false),
  SESSION_IDLE_MINUTES: positiveInt("SESSION_IDLE_MINUTES").default(30),
  SESSION_ABSOLUTE_HOURS: positiveInt("SESSION_ABSOLUTE_HOURS").default(12),
  LOGIN_MAX_FAILURES: positiveInt("LOGIN_MAX_FAILURES").default(5),
  LOGIN_IP_MAX_FAILURES: positiveInt("LOGIN_IP_MAX_FAILURES").default(100),
  LOGIN_LOCK_MINUTES: positiveInt("LOGIN_LOCK_MINUTES").default(15),
  THREAD_REUSE_DAYS: positiveInt("THREAD_REUSE_DAYS").default(7),
  METRICS_TOKEN: noStraySpaces("METRICS_TOKEN").optional(),
  WHATSAPP_ENFORCE_SESSION_WINDOW: bool("WHATSAPP_ENFORCE_SESSION_WINDOW").default(true),

  GUPSHUP_ENABLED: bool("GUPSHUP_ENABLED").default(true),
  GUPSHUP_API_KEY: noStraySpaces("GUPSHUP_API_KEY").optional(),
  GUPSHUP_APP_ID: noStraySpaces("GUPSHUP_APP_ID").optional(),
  GUPSHUP_APP_NAME: noStraySpaces("GUPSHUP_APP_NAME").optional(),
  GUPSHUP_SOURCE: z
    .string()
    .trim()
    .regex(
      /^\d{8,15}$/,
      "GUPSHUP_SOURCE must be the WhatsApp business number as digits with country code and no +, e.g. 919876543210",
    )
    .optional(),
  GUPSHUP_WEBHOOK_SECRET: noStraySpaces("GUPSHUP_WEBHOOK_SECRET")
    .refine((v) => v.length >= 16, "GUPSHUP_WEBHOOK_SECRET must be at least 16 characters")
    .optional(),
  GUPSHUP_WEBHOOK_URL: httpUrl("GUPSHUP_WEBHOOK_URL").optional(),
  GUPSHUP_WEBHOOK_IPS: cidrList.optional(),
  GUPSHUP_WEBHOOK_ALLOW_UNAUTHENTICATED: bool("GUPSHUP_WEBHOOK_ALLOW_UNAUTHENTICATED").default(false),
  GUPSHUP_API_BASE_URL: httpUrl("GUPSHUP_API_BASE_URL").default("https://api.gupshup.io"),
  GUPSHUP_TIMEOUT_MS: positiveInt("GUPSHUP_TIMEOUT_MS").default(10_000),
  GUPSHUP_SMS_BASE_URL: httpUrl("GUPSHUP_SMS_BASE_URL").default("https://enterprise.smsgupshup.com"),
  GUPSHUP_SMS_USERID: noStraySpaces("GUPSHUP_SMS_USERID").optional(),
  GUPSHUP_SMS_PASSWORD: z.string().min(1).optional(),
  GUPSHUP_SMS_SENDER: noStraySpaces("GUPSHUP_SMS_SENDER").optional(),

  HELD_STATUS_RETENTION_HOURS: positiveInt("HELD_STATUS_RETENTION_HOURS").default(168),
  MEDIA_MAX_BYTES: positiveInt("MEDIA_MAX_BYTES").default(25 * 1024 * 1024),
  MEDIA_FETCH_TIMEOUT_MS: positiveInt("MEDIA_FETCH_TIMEOUT_MS").default(30_000),
  MEDIA_FETCH_ALLOW_PRIVATE: bool("MEDIA_FETCH_ALLOW_PRIVATE").optional(),

  SEND_RATE_PER_SECOND: positiveInt("SEND_RATE_PER_SECOND").default(80),
  SEND_CONCURRENCY: positiveInt("SEND_CONCURRENCY").default(16),
  SEND_MAX_ATTEMPTS: positiveInt("SEND_MAX_ATTEMPTS").default(10),
  SEND_MAX_AGE_MINUTES: positiveInt("SEND_MAX_AGE_MINUTES").default(60),
  SEND_RETRY_BASE_MS: positiveInt("SEND_RETRY_BASE_MS").default(1_000),
  SEND_RETRY_MAX_MS: positiveInt("SEND_RETRY_MAX_MS").default(300_000),
  SEND_FAST_PATH_MS: z
    .string()
    .trim()
    .regex(/^\d+$/, "SEND_FAST_PATH_MS must be a whole number of milliseconds (0 = always answer 202)")
    .transform(Number)
    .refine((n) => n <= 10_000, "SEND_FAST_PATH_MS must be at most 10000")
    .default(2_500),
  SEND_LEASE_MS: positiveInt("SEND_LEASE_MS").default(60_000),
  SEND_UNKNOWN_DEADLINE_MINUTES: positiveInt("SEND_UNKNOWN_DEADLINE_MINUTES").default(10),
  SEND_BREAKER_FAILURES: positiveInt("SEND_BREAKER_FAILURES").default(5),
  SEND_BREAKER_RESET_MS: positiveInt("SEND_BREAKER_RESET_MS").default(30_000),
  SMS_MAX_SEGMENTS: positiveInt("SMS_MAX_SEGMENTS")
    .refine((n) => n <= 10, "SMS_MAX_SEGMENTS must be between 1 and 10")
    .default(6),
});

type Env = z.infer<typeof EnvSchema>;

const MINUTE = 60_000;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
    this.name = "ConfigError";
  }
}

export type Config = ReturnType<typeof buildConfig>;

/**
 * Reads `.env` (when present) under the real environment, validates every variable and returns the
 * structured config. Throws ConfigError with one line per bad variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const merged = readRawEnv(env, cwd);
  const parsed = EnvSchema.superRefine(requireWebhookSecretInProduction).safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "environment");
      return issue.message.includes(name) ? issue.message : `${name}: ${issue.message}`;
    });
    throw new ConfigError([...new Set(problems)]);
  }
  return buildConfig(parsed.data, cwd);
}

/** The variables as given (`.env` under the real environment, empty = unset), before validation: for `npm run doctor`. */
export function readRawEnv(
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): Record<string, string> {
  return { ...readDotEnv(cwd), ...definedOnly(env) };
}

function buildConfig(e: Env, cwd: string) {
  const dataDir = path.resolve(cwd, e.DATA_DIR);
  const providerMode = e.GUPSHUP_API_KEY ? ("gupshup" as const) : ("simulator" as const);
  return {
    env: e.NODE_ENV,
    isProduction: e.NODE_ENV === "production",
    http: { port: e.PORT, host: e.HOST, trustProxy: e.TRUST_PROXY },
    db: e.DATABASE_URL
      ? { kind: "postgres" as const, url: e.DATABASE_URL }
      : { kind: "pglite" as const, dir: path.join(dataDir, "pglite") },
    dataDir,
    logLevel: e.LOG_LEVEL,
    defaultCountry: e.DEFAULT_COUNTRY,
    admin: { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD },
    auth: {
      sessionIdleMs: e.SESSION_IDLE_MINUTES * MINUTE,
      sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 60 * MINUTE,
      /** Consecutive failures for one (email, client address) before that pair is locked. */
      maxFailures: e.LOGIN_MAX_FAILURES,
      /** Failures from one client address within an hour, over any accounts, before it is locked. */
      ipMaxFailures: e.LOGIN_IP_MAX_FAILURES,
      ipWindowMs: 60 * MINUTE,
      lockMs: e.LOGIN_LOCK_MINUTES * MINUTE,
    },
    threads: { reuseDays: e.THREAD_REUSE_DAYS },
    metrics: { token: e.METRICS_TOKEN },
    whatsapp: { enforceSessionWindow: e.WHATSAPP_ENFORCE_SESSION_WINDOW },
    providerMode,
    simulator: { port: e.SIMULATOR_PORT },
    gupshup: {
      enabled: e.GUPSHUP_ENABLED,
      apiKey: e.GUPSHUP_API_KEY,
      appId: e.GUPSHUP_APP_ID,
      appName: e.GUPSHUP_APP_NAME,
      source: e.GUPSHUP_SOURCE,
      apiBaseUrl: e.GUPSHUP_API_BASE_URL,
      /** Deadline of one Gupshup API call (connect, send, answer). */
      timeoutMs: e.GUPSHUP_TIMEOUT_MS,
      sms: {
        baseUrl: e.GUPSHUP_SMS_BASE_URL,
        userId: e.GUPSHUP_SMS_USERID,
        password: e.GUPSHUP_SMS_PASSWORD,
        sender: e.GUPSHUP_SMS_SENDER,
      },
      webhook: {
        secret: e.GUPSHUP_WEBHOOK_SECRET,
        url: e.GUPSHUP_WEBHOOK_URL,
        allowedIps: e.GUPSHUP_WEBHOOK_IPS ?? [],
        allowUnauthenticated: e.GUPSHUP_WEBHOOK_ALLOW_UNAUTHENTICATED,
      },
    },
    /** Statuses for provider ids we never matched are deleted after this long. */
    heldStatusRetentionMs: e.HELD_STATUS_RETENTION_HOURS * 3_600_000,
    media: {
      dir: path.join(dataDir, "media"),
      maxBytes: e.MEDIA_MAX_BYTES,
      fetchTimeoutMs: e.MEDIA_FETCH_TIMEOUT_MS,
      /** Whether inbound media may be fetched from loopback/private addresses (SSRF guard off). */
      allowPrivateAddresses: e.MEDIA_FETCH_ALLOW_PRIVATE ?? e.NODE_ENV !== "production",
    },
    outbound: {
      /** Sends per second per source number (token bucket); WhatsApp's default is 80/s. */
      ratePerSecond: e.SEND_RATE_PER_SECOND,
      /** Provider calls in flight per worker process; with ~50 ms a call, 16 allow ≈ 300 sends/s. */
      concurrency: e.SEND_CONCURRENCY,
      /** Provider calls per message before it is FAILED (EXHAUSTED). */
      maxAttempts: e.SEND_MAX_ATTEMPTS,
      /** A message still not accepted this long after it was queued is FAILED (EXHAUSTED). */
      maxAgeMs: e.SEND_MAX_AGE_MINUTES * MINUTE,
      retryBackoff: { baseMs: e.SEND_RETRY_BASE_MS, maxMs: e.SEND_RETRY_MAX_MS },
      /** How long POST /api/messages/send waits for the provider's answer before replying 202. */
      fastPathMs: e.SEND_FAST_PATH_MS,
      /** The send job's lease: longer than one provider call (GUPSHUP_TIMEOUT_MS). */
      leaseMs: Math.max(e.SEND_LEASE_MS, e.GUPSHUP_TIMEOUT_MS * 2),
      /** An ambiguous send not settled by a status callback within this is flagged for staff. */
      unknownDeadlineMs: e.SEND_UNKNOWN_DEADLINE_MINUTES * MINUTE,
      smsMaxSegments: e.SMS_MAX_SEGMENTS,
      /** Provider failures in a row that stop a lane, and how long until one probe is let through. */
      breaker: { failures: e.SEND_BREAKER_FAILURES, resetMs: e.SEND_BREAKER_RESET_MS },
    },
  };
}

// Production with the real Gupshup must not accept callbacks from anyone unless someone said so.
function requireWebhookSecretInProduction(e: Env, ctx: z.RefinementCtx): void {
  if (e.NODE_ENV !== "production" || !e.GUPSHUP_API_KEY || e.GUPSHUP_WEBHOOK_SECRET) return;
  if (e.GUPSHUP_WEBHOOK_ALLOW_UNAUTHENTICATED) return;
  ctx.addIssue({
    code: "custom",
    path: ["GUPSHUP_WEBHOOK_SECRET"],
    message:
      "GUPSHUP_WEBHOOK_SECRET is required in production with GUPSHUP_API_KEY (or set GUPSHUP_WEBHOOK_ALLOW_UNAUTHENTICATED=true to accept unauthenticated webhooks)",
  });
}

function readDotEnv(cwd: string): Record<string, string> {
  const file = path.join(cwd, ".env");
  if (!existsSync(file)) return {};
  return definedOnly(parseEnv(readFileSync(file, "utf8")));
}

// An empty variable (`PORT=`) means "not set", as in most twelve-factor tools.
function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value !== "") out[key] = value;
  }
  return out;
}
