import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  contacts,
  jobs,
  messageLogs,
  messageStatusEvents,
  threads,
  webhookEvents,
} from "@server/db/schema/index";
import type { DepsOptions } from "@server/deps";
import { allJobs } from "@server/jobs/registry";
import { JobRunner } from "@server/queue/job-runner";
import { asc } from "drizzle-orm";
import { canary } from "./canary";
import { buildTestApp, type TestApp, type TestEnv } from "./test-app";

/** A canary: the run's log scan fails if the secret ever reaches a log line. */
export const WEBHOOK_SECRET = canary("secret");

export type WebhookTestApp = TestApp & {
  /** The worker: every registered job, fast polling. */
  runner: JobRunner;
  /** Runs every due job until the queues are idle. */
  drain: () => Promise<void>;
  /** POSTs a callback through app.inject with the secret as ?token=. */
  post: (
    body: string | Buffer | object,
    options?: {
      path?: string;
      contentType?: string;
      token?: string | null;
      headers?: Record<string, string>;
    },
  ) => Promise<{ statusCode: number; body: string }>;
  storedEvents: () => Promise<Array<typeof webhookEvents.$inferSelect>>;
  /** POSTs a callback (expecting 200) and runs the jobs it queued. */
  deliver: (body: string | object, options?: { path?: string; contentType?: string }) => Promise<void>;
  /** Empties the tables webhook processing writes (messages, statuses, threads, contacts, events, jobs). */
  reset: () => Promise<void>;
};

/** The real app with a webhook secret, plus a job runner over the same database. */
export async function buildWebhookTestApp(
  env: TestEnv = {},
  options: DepsOptions = {},
): Promise<WebhookTestApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "commhub-webhooks-"));
  const t = await buildTestApp(
    { GUPSHUP_WEBHOOK_SECRET: WEBHOOK_SECRET, DATA_DIR: dataDir, ...env },
    options,
  );
  const runner = new JobRunner(t.deps, { pollIntervalMs: 20, sweepIntervalMs: 60_000 });
  for (const job of allJobs(t.deps)) runner.register(job);
  const post: WebhookTestApp["post"] = async (body, options = {}) => {
    const token = options.token === undefined ? WEBHOOK_SECRET : options.token;
    const route = options.path ?? "/webhooks/gupshup";
    const url = token === null ? route : `${route}?token=${encodeURIComponent(token)}`;
    const payload = typeof body === "string" || Buffer.isBuffer(body) ? body : JSON.stringify(body);
    const res = await t.app.inject({
      method: "POST",
      url,
      payload,
      headers: { "content-type": options.contentType ?? "application/json", ...options.headers },
    });
    return { statusCode: res.statusCode, body: res.body };
  };
  return {
    ...t,
    runner,
    drain: () => runner.drain(),
    post,
    storedEvents: () => t.database.db.select().from(webhookEvents).orderBy(asc(webhookEvents.id)),
    deliver: async (body, options = {}) => {
      const res = await post(body, options);
      if (res.statusCode !== 200) throw new Error(`webhook answered ${res.statusCode}: ${res.body}`);
      await runner.drain();
    },
    reset: async () => {
      for (const table of [messageStatusEvents, messageLogs, threads, contacts, webhookEvents, jobs])
        await t.database.db.delete(table);
    },
    close: async () => {
      await runner.stop();
      await t.close();
    },
  };
}
