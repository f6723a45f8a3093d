import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";

const emptyDir = () => mkdtempSync(path.join(tmpdir(), "commhub-config-"));

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env, emptyDir());
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error("expected a ConfigError");
}

describe(loadConfig.name, () => {
  it("runs with zero configuration: port 4000, embedded database under ./data, simulator", () => {
    const dir = emptyDir();
    const config = loadConfig({}, dir);
    expect(config.http).toEqual({ port: 4000, host: "127.0.0.1", trustProxy: false });
    expect(config.db).toEqual({ kind: "pglite", dir: path.join(dir, "data", "pglite") });
    expect(config.providerMode).toBe("simulator");
    expect(config.defaultCountry).toBe("IN");
    expect(config.gupshup.enabled).toBe(true);
    expect(config.whatsapp.enforceSessionWindow).toBe(true);
    expect(config.threads.reuseDays).toBe(7);
  });

  it("reads the outbound limits, with WhatsApp's default pacing and a lease longer than two provider calls", () => {
    expect(loadConfig({}, emptyDir()).outbound).toMatchObject({
      ratePerSecond: 80,
      maxAttempts: 10,
      fastPathMs: 2500,
      smsMaxSegments: 6,
      leaseMs: 60_000,
    });
    const tuned = loadConfig(
      {
        SEND_RATE_PER_SECOND: "20",
        SEND_FAST_PATH_MS: "0",
        SEND_LEASE_MS: "1000",
        GUPSHUP_TIMEOUT_MS: "3000",
      },
      emptyDir(),
    );
    expect(tuned.outbound).toMatchObject({ ratePerSecond: 20, fastPathMs: 0, leaseMs: 6000 });
    expect(
      problemsOf({ SEND_RATE_PER_SECOND: "0", SMS_MAX_SEGMENTS: "11", SEND_FAST_PATH_MS: "fast" }),
    ).toEqual([
      "SEND_RATE_PER_SECOND must be a positive integer",
      "SEND_FAST_PATH_MS must be a whole number of milliseconds (0 = always answer 202)",
      "SMS_MAX_SEGMENTS must be between 1 and 10",
    ]);
  });

  it("uses PostgreSQL when DATABASE_URL is set and Gupshup when an API key is set", () => {
    const config = loadConfig(
      {
        DATABASE_URL: "postgresql://app@db.internal:5432/commhub",
        GUPSHUP_API_KEY: "key-123",
        GUPSHUP_WEBHOOK_SECRET: "0123456789abcdef0123",
      },
      emptyDir(),
    );
    expect(config.db).toEqual({ kind: "postgres", url: "postgresql://app@db.internal:5432/commhub" });
    expect(config.providerMode).toBe("gupshup");
  });

  it.each([
    [{ PORT: "abc" }, "PORT must be an integer between 0 and 65535"],
    [{ PORT: "70000" }, "PORT must be an integer between 0 and 65535"],
    [{ DATABASE_URL: "mysql://root@localhost/db" }, "DATABASE_URL must be a postgres URL"],
    [{ GUPSHUP_ENABLED: "maybe" }, "GUPSHUP_ENABLED must be true or false"],
    [
      { GUPSHUP_API_KEY: " abc ", GUPSHUP_WEBHOOK_SECRET: "0123456789abcdef0123" },
      "GUPSHUP_API_KEY has leading or trailing spaces",
    ],
    [{ GUPSHUP_SOURCE: "+91 98765 43210" }, "GUPSHUP_SOURCE must be the WhatsApp business number as digits"],
    [{ GUPSHUP_WEBHOOK_URL: "not a url" }, "GUPSHUP_WEBHOOK_URL must be an http(s) URL"],
    [{ GUPSHUP_WEBHOOK_SECRET: "short" }, "GUPSHUP_WEBHOOK_SECRET must be at least 16 characters"],
    [{ GUPSHUP_WEBHOOK_IPS: "10.0.0.0/8,not-an-ip" }, "GUPSHUP_WEBHOOK_IPS must be a comma-separated list"],
    [{ DEFAULT_COUNTRY: "XX" }, "DEFAULT_COUNTRY must be a two-letter country code"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL must be one of"],
    [{ NODE_ENV: "staging" }, "NODE_ENV must be development, production or test"],
    [{ THREAD_REUSE_DAYS: "0" }, "THREAD_REUSE_DAYS must be a positive integer"],
    [{ TRUST_PROXY: "maybe" }, "TRUST_PROXY must be true, false, a number of proxy hops"],
    [{ SESSION_IDLE_MINUTES: "0" }, "SESSION_IDLE_MINUTES must be a positive integer"],
    [{ LOGIN_MAX_FAILURES: "five" }, "LOGIN_MAX_FAILURES must be a positive integer"],
    [{ ADMIN_PASSWORD: "short" }, "ADMIN_PASSWORD must be at least 8 characters"],
  ])("rejects %o with a line naming the variable", (env, expected) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(expected);
  });

  it("reports every bad variable at once, one line each", () => {
    const problems = problemsOf({ PORT: "abc", GUPSHUP_ENABLED: "maybe" });
    expect(problems).toEqual([
      "PORT must be an integer between 0 and 65535",
      "GUPSHUP_ENABLED must be true or false",
    ]);
  });

  it("never echoes a secret's value in its error", () => {
    const problems = problemsOf({ GUPSHUP_WEBHOOK_SECRET: "tiny-secret" });
    expect(problems.join("\n")).not.toContain("tiny-secret");
  });

  it("reads .env when present, and the real environment wins over it", () => {
    const dir = emptyDir();
    writeFileSync(path.join(dir, ".env"), "# comment\nPORT=4100\nHOST=0.0.0.0\nLOG_LEVEL=debug\n");
    const config = loadConfig({ PORT: "4200" }, dir);
    expect(config.http).toEqual({ port: 4200, host: "0.0.0.0", trustProxy: false });
    expect(config.logLevel).toBe("debug");
  });

  it("treats an empty variable as unset", () => {
    expect(loadConfig({ PORT: "", DATABASE_URL: "" }, emptyDir()).http.port).toBe(4000);
  });

  it("accepts the usual spellings of booleans", () => {
    expect(loadConfig({ GUPSHUP_ENABLED: "FALSE" }, emptyDir()).gupshup.enabled).toBe(false);
    expect(
      loadConfig({ WHATSAPP_ENFORCE_SESSION_WINDOW: "0" }, emptyDir()).whatsapp.enforceSessionWindow,
    ).toBe(false);
    expect(loadConfig({ GUPSHUP_ENABLED: "yes" }, emptyDir()).gupshup.enabled).toBe(true);
  });

  it("gives Gupshup calls a 10-second deadline unless GUPSHUP_TIMEOUT_MS says otherwise", () => {
    expect(loadConfig({}, emptyDir()).gupshup.timeoutMs).toBe(10_000);
    expect(loadConfig({ GUPSHUP_TIMEOUT_MS: "2500" }, emptyDir()).gupshup.timeoutMs).toBe(2500);
    expect(problemsOf({ GUPSHUP_TIMEOUT_MS: "0" })).toEqual([
      "GUPSHUP_TIMEOUT_MS must be a positive integer",
    ]);
  });

  it("refuses a real Gupshup key with no webhook secret whatever NODE_ENV says, unless explicitly allowed (issue 14, finding 6)", () => {
    for (const NODE_ENV of ["production", "development", "test", undefined]) {
      const real = { NODE_ENV, GUPSHUP_API_KEY: "key-123" };
      expect(problemsOf(real), `NODE_ENV=${NODE_ENV}`).toEqual([
        "GUPSHUP_WEBHOOK_SECRET is required with GUPSHUP_API_KEY (or set GUPSHUP_WEBHOOK_ALLOW_UNAUTHENTICATED=true to accept unauthenticated webhooks)",
      ]);
      const allowed = { ...real, GUPSHUP_WEBHOOK_ALLOW_UNAUTHENTICATED: "true" };
      expect(loadConfig(allowed, emptyDir()).gupshup.webhook.secret).toBeUndefined();
      const secret = "0123456789abcdef0123";
      const secured = loadConfig({ ...real, GUPSHUP_WEBHOOK_SECRET: secret }, emptyDir());
      expect(secured.gupshup.webhook.secret).toBe(secret);
      expect(secured.providerMode).toBe("gupshup");
    }
    // Simulator mode (no key) needs no secret: the simulator gets a random one.
    expect(loadConfig({ NODE_ENV: "production" }, emptyDir()).providerMode).toBe("simulator");
  });

  it("is live (operator endpoints closed) in production or with the real Gupshup, whatever NODE_ENV says", () => {
    const secret = { GUPSHUP_WEBHOOK_SECRET: "0123456789abcdef0123" };
    expect(loadConfig({ NODE_ENV: "production" }, emptyDir()).isLive).toBe(true);
    expect(loadConfig({ NODE_ENV: "test", GUPSHUP_API_KEY: "k", ...secret }, emptyDir()).isLive).toBe(true);
    expect(loadConfig({ GUPSHUP_API_KEY: "k", ...secret }, emptyDir()).isLive).toBe(true);
    expect(loadConfig({}, emptyDir()).isLive).toBe(false);
  });

  it("keeps held statuses a week and guards media fetches against the real Gupshup unless told otherwise", () => {
    const dir = emptyDir();
    const dev = loadConfig({}, dir);
    expect(dev.heldStatusRetentionMs).toBe(168 * 3_600_000);
    expect(dev.media).toEqual({
      store: "disk",
      dir: path.join(dir, "data", "media"),
      s3: {
        bucket: undefined,
        region: "us-east-1",
        endpoint: undefined,
        forcePathStyle: false,
        credentials: undefined,
      },
      maxBytes: 25 * 1024 * 1024,
      fetchTimeoutMs: 30_000,
      allowPrivateAddresses: true,
    });
    // With a real key the guard is on whatever NODE_ENV says; only MEDIA_FETCH_ALLOW_PRIVATE opens it.
    const live = { GUPSHUP_API_KEY: "key-123", GUPSHUP_WEBHOOK_SECRET: "0123456789abcdef0123" };
    for (const NODE_ENV of ["development", "test", "production"])
      expect(loadConfig({ ...live, NODE_ENV }, dir).media.allowPrivateAddresses).toBe(false);
    expect(
      loadConfig({ ...live, NODE_ENV: "development", MEDIA_FETCH_ALLOW_PRIVATE: "true" }, dir).media
        .allowPrivateAddresses,
    ).toBe(true);
    expect(
      loadConfig({ ...live, MEDIA_FETCH_ALLOW_PRIVATE: "10.20.0.0/16, 127.0.0.1" }, dir).media
        .allowPrivateAddresses,
    ).toEqual(["10.20.0.0/16", "127.0.0.1"]);
    expect(problemsOf({ MEDIA_FETCH_ALLOW_PRIVATE: "10.0.0.0/33" })).toEqual([
      "MEDIA_FETCH_ALLOW_PRIVATE must be true, false or a comma-separated list of IP addresses/CIDR ranges",
    ]);
    const tuned = loadConfig({ HELD_STATUS_RETENTION_HOURS: "2", MEDIA_FETCH_ALLOW_PRIVATE: "false" }, dir);
    expect(tuned.heldStatusRetentionMs).toBe(7_200_000);
    expect(tuned.media.allowPrivateAddresses).toBe(false);
    expect(problemsOf({ MEDIA_MAX_BYTES: "lots" })).toEqual(["MEDIA_MAX_BYTES must be a positive integer"]);
  });

  it("keeps media in the database with DATABASE_URL, on disk without, unless MEDIA_STORE says otherwise", () => {
    const dir = emptyDir();
    const url = "postgres://commhub@db.internal:5432/commhub";
    expect(loadConfig({}, dir).media.store).toBe("disk");
    expect(loadConfig({ DATABASE_URL: url }, dir).media.store).toBe("postgres");
    expect(loadConfig({ DATABASE_URL: url, MEDIA_STORE: "disk" }, dir).media.store).toBe("disk");
    // On the embedded database too: the bytes then live in DATA_DIR/pglite.
    expect(loadConfig({ MEDIA_STORE: "postgres" }, dir).media.store).toBe("postgres");
    expect(problemsOf({ MEDIA_STORE: "gcs" })).toEqual([
      "MEDIA_STORE must be disk (files under DATA_DIR/media), postgres (in the database) or s3 (an S3-compatible bucket); unset it for the default",
    ]);
    expect(problemsOf({ MEDIA_STORE: "s3" })).toEqual(["S3_BUCKET is required with MEDIA_STORE=s3"]);
    expect(problemsOf({ MEDIA_STORE: "s3", S3_BUCKET: "media", S3_ACCESS_KEY_ID: "AKIA1" })).toEqual([
      "S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together (or leave both unset for the SDK's default credentials)",
    ]);
    const s3 = loadConfig(
      {
        MEDIA_STORE: "s3",
        S3_BUCKET: "hotel-media",
        S3_ENDPOINT: "http://minio.internal:9000",
        S3_FORCE_PATH_STYLE: "true",
        S3_ACCESS_KEY_ID: "AKIA1",
        S3_SECRET_ACCESS_KEY: "secret-1",
      },
      dir,
    ).media;
    expect(s3.store).toBe("s3");
    expect(s3.s3).toEqual({
      bucket: "hotel-media",
      region: "us-east-1",
      endpoint: "http://minio.internal:9000",
      forcePathStyle: true,
      credentials: { accessKeyId: "AKIA1", secretAccessKey: "secret-1" },
    });
  });

  it("reads TRUST_PROXY as a flag, a hop count or a list of proxies", () => {
    const trust = (v: string) => loadConfig({ TRUST_PROXY: v }, emptyDir()).http.trustProxy;
    expect(trust("true")).toBe(true);
    expect(trust("2")).toBe(2);
    expect(trust("10.0.0.0/8, 127.0.0.1")).toEqual(["10.0.0.0/8", "127.0.0.1"]);
  });

  it("has session and login-throttle defaults: 30 min idle, 12 h absolute, 5 failures, 15 min lock", () => {
    const { auth } = loadConfig({}, emptyDir());
    expect(auth).toMatchObject({
      sessionIdleMs: 30 * 60_000,
      sessionAbsoluteMs: 12 * 3_600_000,
      maxFailures: 5,
      ipMaxFailures: 100,
      lockMs: 15 * 60_000,
    });
  });
});
