import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseEnv } from "node:util";
import { type Env, EnvSchema, requireS3Settings, requireWebhookSecretWithRealGupshup } from "./config-env";

// The only module that reads the environment. Everything else receives a Config.

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
  const parsed = EnvSchema.superRefine(requireWebhookSecretWithRealGupshup)
    .superRefine(requireS3Settings)
    .safeParse(merged);
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
    /**
     * Guests' real data may be here: NODE_ENV=production, or the real Gupshup whatever NODE_ENV says.
     * Operator endpoints (/metrics, /api/docs) are closed then.
     */
    isLive: e.NODE_ENV === "production" || providerMode === "gupshup",
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
    events: {
      /** Heartbeat of an open /api/events stream; its session or key is checked again at each one. */
      heartbeatMs: e.EVENTS_HEARTBEAT_SECONDS * 1_000,
      /** A stream is closed after this long; the client reconnects with Last-Event-ID and misses nothing. */
      maxStreamMs: e.EVENTS_STREAM_MAX_SECONDS * 1_000,
      /** Open streams per staff member or API key on one instance; a new one closes the oldest. */
      maxStreamsPerCaller: e.EVENTS_MAX_STREAMS_PER_CALLER,
      /** A stream whose unsent output passes this is dropped (the client fell behind and resumes). */
      maxBufferedBytes: e.EVENTS_MAX_BUFFERED_KB * 1_024,
    },
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
    /** How often the worker looks for response-time targets that passed their due time. */
    slaSweepMs: e.SLA_SWEEP_SECONDS * 1000,
    /** How long old rows are kept before the retention job deletes them (days), and its batch size. */
    retention: {
      webhookDays: e.RETENTION_WEBHOOK_DAYS,
      jobsDays: e.RETENTION_JOBS_DAYS,
      eventsDays: e.RETENTION_EVENTS_DAYS,
      auditDays: e.RETENTION_AUDIT_DAYS,
      batchSize: e.RETENTION_BATCH_SIZE,
    },
    media: {
      /**
       * Where attachments' bytes are kept: in PostgreSQL when there is one (every instance serves every
       * file), else under DATA_DIR/media (the embedded database is one process anyway).
       */
      store: e.MEDIA_STORE ?? (e.DATABASE_URL ? ("postgres" as const) : ("disk" as const)),
      dir: path.join(dataDir, "media"),
      /** MEDIA_STORE=s3: the bucket and how to reach it (no keys = the SDK's usual chain, e.g. an instance role). */
      s3: {
        bucket: e.S3_BUCKET,
        region: e.S3_REGION,
        endpoint: e.S3_ENDPOINT,
        forcePathStyle: e.S3_FORCE_PATH_STYLE,
        credentials:
          e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
            ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY }
            : undefined,
      },
      maxBytes: e.MEDIA_MAX_BYTES,
      fetchTimeoutMs: e.MEDIA_FETCH_TIMEOUT_MS,
      /**
       * Private addresses attachment URLs may reach (true: all, a list: those ranges). Only an explicit
       * setting opens the SSRF guard against the real Gupshup, whatever NODE_ENV says; in simulator
       * mode every guest and file is staged by the staff themselves.
       */
      allowPrivateAddresses: e.MEDIA_FETCH_ALLOW_PRIVATE ?? providerMode === "simulator",
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
      /** Sends (POST /api/messages/send, thread replies) one API key or staff member may ask for a minute; 0 = no limit. */
      apiSendsPerMinute: e.SEND_API_RATE_PER_MINUTE,
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
