import { messageLogs, sendAttempts } from "@server/db/schema/index";
import { createProviders } from "@server/providers/registry";
import { SIMULATOR_DEFAULTS } from "@server/simulator/simulator-options";
import type { RecordedRequest } from "@server/simulator/simulator-state";
import { asc, eq } from "drizzle-orm";
import { apiKeyHeaders, type TestEnv } from "./test-app";
import { type AppWithSimulator, startAppWithSimulator } from "./webhook-simulator";

// biome-ignore lint/suspicious/noExplicitAny: tests read answers freely; assertions check their shape.
export type ApiAnswer = { status: number; body: any };

export type OutboundHarness = AppWithSimulator & {
  url: string;
  /** An admin API key's Authorization header. */
  admin: Record<string, string>;
  /** Points the app's adapters at the simulator (or `baseUrl`), with this client timeout and API key. */
  pointProvidersAt: (options?: { timeoutMs?: number; baseUrl?: string; apiKey?: string }) => void;
  api: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<ApiAnswer>;
  send: (body: unknown, headers?: Record<string, string>) => Promise<ApiAnswer>;
  /** A guest writes on WhatsApp (through the simulator), opening the 24-hour window; waits until stored. */
  guestWrites: (phone: string, text?: string) => Promise<void>;
  /** Send requests the simulator received for this destination (WhatsApp sessions, templates, SMS). */
  sendsTo: (phone: string) => RecordedRequest[];
  message: (id: number) => Promise<typeof messageLogs.$inferSelect>;
  attempts: (id: number) => Promise<Array<typeof sendAttempts.$inferSelect>>;
  waitFor: (condition: () => Promise<boolean> | boolean, timeoutMs?: number) => Promise<void>;
};

/**
 * The real app listening on a free port, its worker running, the simulator behind the app's own
 * adapters (so the send job talks to it over real HTTP), templates synced and an admin API key.
 */
export async function startOutboundHarness(env: TestEnv = {}): Promise<OutboundHarness> {
  const s = await startAppWithSimulator({
    SEND_RETRY_BASE_MS: "50",
    SEND_RETRY_MAX_MS: "200",
    SEND_BREAKER_RESET_MS: "100",
    ...env,
  });
  const address = s.t.app.server.address();
  const url = typeof address === "object" && address ? `http://127.0.0.1:${address.port}` : "";
  const pointProvidersAt: OutboundHarness["pointProvidersAt"] = (options = {}) => {
    const baseUrl = options.baseUrl ?? s.simulator.url;
    const timeoutMs = options.timeoutMs ?? 5000;
    s.t.deps.providers = createProviders({
      whatsapp: {
        apiKey: options.apiKey ?? s.simulator.apiKey,
        appName: s.simulator.appName,
        source: s.simulator.source,
        baseUrl,
        timeoutMs,
      },
      sms: {
        baseUrl,
        userId: SIMULATOR_DEFAULTS.smsUserId,
        password: SIMULATOR_DEFAULTS.smsPassword,
        sender: "HOTELS",
        timeoutMs,
      },
    });
  };
  pointProvidersAt();
  s.t.runner.start();
  const admin = await apiKeyHeaders(s.t, "ADMIN");
  const api: OutboundHarness["api"] = async (method, path, body, headers = admin) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const waitFor: OutboundHarness["waitFor"] = async (condition, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error("condition not met in time");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const synced = await api("POST", "/api/templates/sync", undefined, admin);
  if (synced.status !== 200) throw new Error(`template sync failed: ${JSON.stringify(synced.body)}`);
  return {
    ...s,
    url,
    admin,
    pointProvidersAt,
    api,
    send: (body, headers = admin) => api("POST", "/api/messages/send", body, headers),
    guestWrites: async (phone, text = "Hello from the guest") => {
      const res = await fetch(`${s.simulator.url}/simulator/inbound`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ from: phone, text, channel: "WHATSAPP" }),
      });
      if (res.status !== 200) throw new Error(`inbound failed: ${res.status} ${await res.text()}`);
      await waitFor(async () => {
        const rows = await s.t.database.db.select().from(messageLogs).where(eq(messageLogs.phone, phone));
        return rows.some((r) => r.direction === "INBOUND" && r.message === text);
      });
    },
    sendsTo: (phone) =>
      s.simulator.state.requests.filter(
        (r) =>
          r.destination === phone && (r.kind === "whatsapp" || r.kind === "template" || r.kind === "sms"),
      ),
    message: async (id) => {
      const [row] = await s.t.database.db.select().from(messageLogs).where(eq(messageLogs.id, id));
      if (!row) throw new Error(`message ${id} not found`);
      return row;
    },
    attempts: (id) =>
      s.t.database.db
        .select()
        .from(sendAttempts)
        .where(eq(sendAttempts.messageId, id))
        .orderBy(asc(sendAttempts.attemptNo)),
    waitFor,
    close: async () => {
      await s.t.runner.stop(1000);
      await s.close();
    },
  };
}
