import type { Config } from "@server/config";
import { createDatabase, type Database } from "@server/db/client";
import { lockDataDir } from "@server/db/data-dir-lock";
import { countPendingMigrations } from "@server/db/migrate";
import { queryRows } from "@server/db/query-rows";
import { gupshupProvidersConfig } from "@server/provider-runtime";
import type { ListTemplatesResult } from "@server/providers/channel-provider";
import { createProviders } from "@server/providers/registry";
import { SIMULATOR_DEFAULTS } from "@server/simulator/simulator-options";
import { startSimulator } from "@server/simulator/start-simulator";
import { sql } from "drizzle-orm";
import { type Check, fail, ok, skip } from "./check";

const DB_TIMEOUT_MS = 10_000;

/** Database connectivity, migrations and the webhook inbox's recent failures. */
export async function checkDatabase(config: Config): Promise<Check[]> {
  const where =
    config.db.kind === "pglite" ? `embedded PGlite in ${config.db.dir}` : "PostgreSQL (DATABASE_URL)";
  let unlock = () => {};
  if (config.db.kind === "pglite") {
    try {
      unlock = lockDataDir(config.dataDir);
    } catch (err) {
      return [
        skip(
          "database",
          `${where}: ${message(err)}; the running server's GET /ready reports the database and migrations`,
        ),
      ];
    }
  }
  let database: Database | undefined;
  try {
    database = await createDatabase(config.db);
    const opened = database;
    await withTimeout(opened.db.execute(sql`select 1`), DB_TIMEOUT_MS);
    return [ok("database", `${where} answers`), ...(await checkSchema(opened))];
  } catch (err) {
    return [
      fail(
        "database",
        `${where}: ${message(err)}`,
        config.db.kind === "postgres"
          ? "check DATABASE_URL (host, port, user, password, database name) and that PostgreSQL is running and reachable from this machine"
          : "check that DATA_DIR is writable by this user",
      ),
    ];
  } finally {
    await database?.close().catch(() => {});
    unlock();
  }
}

async function checkSchema(database: Database): Promise<Check[]> {
  const pending = await countPendingMigrations(database.db);
  if (pending > 0)
    return [
      fail(
        "migrations",
        `${pending} migration${pending === 1 ? "" : "s"} not applied`,
        "run `npm run db:migrate` (starting the server applies them too)",
      ),
    ];
  const [row] = await queryRows<{ received: string; failed: string; last: string | null }>(
    database.db,
    sql`select count(*) filter (where received_at > now() - interval '1 day') as received,
               count(*) filter (where status = 'FAILED') as failed,
               max(received_at)::text as last
        from webhook_events`,
  );
  const failed = Number(row?.failed ?? 0);
  return [
    ok("migrations", "all applied"),
    failed > 0
      ? fail(
          "webhook processing",
          `${failed} webhook event(s) parked after failing (last callback received ${row?.last ?? "never"})`,
          "see why in GET /api/webhook-events?status=FAILED (or the server log, field webhookEventId), fix the cause, then replay them",
        )
      : ok(
          "webhook processing",
          `none parked; ${Number(row?.received ?? 0)} callback(s) in the last 24 h, last ${row?.last ?? "never"}`,
        ),
  ];
}

/** Authenticates to Gupshup with a harmless call (the template list); in simulator mode, against a simulator. */
export async function checkProvider(config: Config): Promise<Check> {
  const name = "provider authentication";
  if (config.providerMode === "simulator") {
    const simulator = await startSimulator({ port: 0 });
    try {
      const providers = createProviders({
        whatsapp: {
          apiKey: simulator.apiKey,
          appName: SIMULATOR_DEFAULTS.appName,
          source: SIMULATOR_DEFAULTS.source,
          baseUrl: simulator.url,
          timeoutMs: config.gupshup.timeoutMs,
        },
        sms: {
          baseUrl: simulator.url,
          userId: SIMULATOR_DEFAULTS.smsUserId,
          password: SIMULATOR_DEFAULTS.smsPassword,
          sender: SIMULATOR_DEFAULTS.smsShortcode,
          timeoutMs: config.gupshup.timeoutMs,
        },
      });
      const listed = await providers.whatsapp.listTemplates();
      return listed.kind === "ok"
        ? ok(
            name,
            `simulator mode: the Gupshup adapter listed ${listed.templates.length} templates from the simulator`,
          )
        : fail(
            name,
            `simulator mode: ${describe(listed)}`,
            "this is a bug in commhub; report it with this output",
          );
    } finally {
      await simulator.stop();
    }
  }
  const providers = createProviders(gupshupProvidersConfig(config));
  const listed = await providers.whatsapp.listTemplates();
  const base = config.gupshup.apiBaseUrl;
  if (listed.kind === "ok") {
    const approved = listed.templates.filter((t) => t.status === "APPROVED").length;
    return ok(
      name,
      `${base} accepted the API key: ${listed.templates.length} templates, ${approved} approved`,
    );
  }
  if (listed.kind === "retryable")
    return fail(
      name,
      `no usable answer from ${base}: ${describe(listed)}`,
      "check this machine reaches the Gupshup API (DNS, firewall, proxy) and GUPSHUP_API_BASE_URL; if Gupshup is down, see its status page",
    );
  if (listed.httpStatus === 401 || /auth/i.test(listed.reason))
    return fail(
      name,
      `${base} rejected the API key: ${describe(listed)}`,
      "copy the API key again from the Gupshup dashboard into GUPSHUP_API_KEY (no spaces), and check the key belongs to the app in GUPSHUP_APP_NAME",
    );
  return fail(
    name,
    `${base} refused the template list: ${describe(listed)}`,
    "check GUPSHUP_APP_NAME is the app's name exactly as the dashboard shows it, and see the Gupshup dashboard logs for the API error",
  );
}

/** Gupshup must reach the callback URL: a GET without callback fields answers 200 {"status":"ok"}. */
export async function checkWebhookReachable(config: Config): Promise<Check> {
  const name = "webhook URL reachable";
  const url = config.gupshup.webhook.url;
  if (!url?.startsWith("https://") || !url.endsWith("/webhooks/gupshup"))
    return skip(name, "no valid GUPSHUP_WEBHOOK_URL to try");
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    const body = await res.text();
    if (res.status === 200 && body.includes('"ok"')) return ok(name, `GET ${url} answered 200`);
    return fail(
      name,
      `GET ${url} answered ${res.status}, not commhub's 200 {"status":"ok"}`,
      "route the public URL to commhub (load balancer / reverse proxy rules for /webhooks/gupshup)",
    );
  } catch (err) {
    return fail(
      name,
      `GET ${url} failed: ${message(err)}`,
      "make the URL reachable from the internet: DNS, a valid TLS certificate, firewall, and the load balancer forwarding to commhub",
    );
  }
}

function describe(result: Exclude<ListTemplatesResult, { kind: "ok" }>): string {
  const status = result.httpStatus ? `HTTP ${result.httpStatus}, ` : "";
  return `${status}${result.code}: ${result.reason}`;
}

/** The innermost cause, on one line ("Failed query: select 1" says less than "connect ECONNREFUSED"). */
function message(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) return message(err.errors[0]);
  if (err instanceof Error && err.cause !== undefined) return message(err.cause);
  const text = err instanceof Error ? err.message || err.name : String(err);
  return text.replace(/\s+/g, " ").trim();
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer in ${ms / 1000} s`)), ms).unref(),
    ),
  ]);
}
