import { isSupportedCountry } from "libphonenumber-js";
import { z } from "zod";
import { parseCidr } from "./providers/private-address";

// What each environment variable may be: read and validated by config.ts, the only module that
// reads the environment. One message per bad variable, naming it and what is expected.

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

// true / false, or a comma-separated list of private ranges that attachment URLs may reach (an internal
// file store), every other private address staying refused.
const privateAllowance = z
  .string()
  .trim()
  .transform((v): boolean | string[] => {
    const lower = v.toLowerCase();
    if (["true", "1", "yes"].includes(lower)) return true;
    if (["false", "0", "no"].includes(lower)) return false;
    return v
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  })
  .refine(
    (v) => !Array.isArray(v) || (v.length > 0 && v.every((range) => parseCidr(range) !== undefined)),
    "MEDIA_FETCH_ALLOW_PRIVATE must be true, false or a comma-separated list of IP addresses/CIDR ranges",
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

export const EnvSchema = z.object({
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
  EVENTS_HEARTBEAT_SECONDS: positiveInt("EVENTS_HEARTBEAT_SECONDS").default(15),
  EVENTS_STREAM_MAX_SECONDS: positiveInt("EVENTS_STREAM_MAX_SECONDS").default(3_600),
  EVENTS_MAX_STREAMS_PER_CALLER: positiveInt("EVENTS_MAX_STREAMS_PER_CALLER").default(10),
  EVENTS_MAX_BUFFERED_KB: positiveInt("EVENTS_MAX_BUFFERED_KB").default(1_024),

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
  SLA_SWEEP_SECONDS: positiveInt("SLA_SWEEP_SECONDS").default(30),
  RETENTION_WEBHOOK_DAYS: positiveInt("RETENTION_WEBHOOK_DAYS").default(30),
  RETENTION_JOBS_DAYS: positiveInt("RETENTION_JOBS_DAYS").default(7),
  RETENTION_EVENTS_DAYS: positiveInt("RETENTION_EVENTS_DAYS").default(7),
  RETENTION_AUDIT_DAYS: positiveInt("RETENTION_AUDIT_DAYS").default(730),
  RETENTION_BATCH_SIZE: positiveInt("RETENTION_BATCH_SIZE").default(1000),
  MEDIA_MAX_BYTES: positiveInt("MEDIA_MAX_BYTES").default(25 * 1024 * 1024),
  MEDIA_FETCH_TIMEOUT_MS: positiveInt("MEDIA_FETCH_TIMEOUT_MS").default(30_000),
  MEDIA_FETCH_ALLOW_PRIVATE: privateAllowance.optional(),
  MEDIA_STORE: z
    .enum(["disk", "postgres", "s3"], {
      message:
        "MEDIA_STORE must be disk (files under DATA_DIR/media), postgres (in the database) or s3 (an S3-compatible bucket); unset it for the default",
    })
    .optional(),
  S3_BUCKET: noStraySpaces("S3_BUCKET").optional(),
  S3_REGION: noStraySpaces("S3_REGION").default("us-east-1"),
  S3_ENDPOINT: httpUrl("S3_ENDPOINT").optional(),
  S3_FORCE_PATH_STYLE: bool("S3_FORCE_PATH_STYLE").default(false),
  S3_ACCESS_KEY_ID: noStraySpaces("S3_ACCESS_KEY_ID").optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),

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
  SEND_API_RATE_PER_MINUTE: z
    .string()
    .trim()
    .regex(/^\d+$/, "SEND_API_RATE_PER_MINUTE must be a whole number of sends a minute (0 = no limit)")
    .transform(Number)
    .default(600),
  SEND_UNKNOWN_DEADLINE_MINUTES: positiveInt("SEND_UNKNOWN_DEADLINE_MINUTES").default(10),
  SEND_BREAKER_FAILURES: positiveInt("SEND_BREAKER_FAILURES").default(5),
  SEND_BREAKER_RESET_MS: positiveInt("SEND_BREAKER_RESET_MS").default(30_000),
  SMS_MAX_SEGMENTS: positiveInt("SMS_MAX_SEGMENTS")
    .refine((n) => n <= 10, "SMS_MAX_SEGMENTS must be between 1 and 10")
    .default(6),
});

export type Env = z.infer<typeof EnvSchema>;

// The real Gupshup must not accept callbacks from anyone unless someone said so. NODE_ENV plays no part:
// a hub started against the real Gupshup with NODE_ENV unset (development) holds real guests' data too.
export function requireWebhookSecretWithRealGupshup(e: Env, ctx: z.RefinementCtx): void {
  if (!e.GUPSHUP_API_KEY || e.GUPSHUP_WEBHOOK_SECRET) return;
  if (e.GUPSHUP_WEBHOOK_ALLOW_UNAUTHENTICATED) return;
  ctx.addIssue({
    code: "custom",
    path: ["GUPSHUP_WEBHOOK_SECRET"],
    message:
      "GUPSHUP_WEBHOOK_SECRET is required with GUPSHUP_API_KEY (or set GUPSHUP_WEBHOOK_ALLOW_UNAUTHENTICATED=true to accept unauthenticated webhooks)",
  });
}

/** MEDIA_STORE=s3 needs a bucket; S3 keys come as a pair or not at all. */
export function requireS3Settings(e: Env, ctx: z.RefinementCtx): void {
  if (e.MEDIA_STORE === "s3" && !e.S3_BUCKET)
    ctx.addIssue({
      code: "custom",
      path: ["S3_BUCKET"],
      message: "S3_BUCKET is required with MEDIA_STORE=s3",
    });
  if (Boolean(e.S3_ACCESS_KEY_ID) !== Boolean(e.S3_SECRET_ACCESS_KEY))
    ctx.addIssue({
      code: "custom",
      path: ["S3_ACCESS_KEY_ID"],
      message:
        "S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together (or leave both unset for the SDK's default credentials)",
    });
}
