import type { AddressInfo } from "node:net";
import Fastify from "fastify";
import { CallbackSender } from "./callback-sender";
import { registerControlApi } from "./control-api";
import { type InboundInput, type InboundResult, injectInbound, userEvent } from "./inbound";
import { createState, resolveOptions, type SimulatorContext, smsUrlFor } from "./simulator-context";
import type { Knobs, KnobsUpdate, SimulatorOptions } from "./simulator-options";
import type { CallbackRecord, RecordedRequest, SimulatorState } from "./simulator-state";
import { registerSmsApi } from "./sms-api";
import { registerWhatsappApi } from "./whatsapp-api";

export type SimulatorHandle = {
  /** http://host:port of the running simulator. */
  url: string;
  port: number;
  appName: string;
  source: string;
  apiKey: string;
  /** The commhub environment that points a process at this simulator as if it were Gupshup. */
  gupshupEnv: Record<string, string>;
  state: SimulatorState;
  requests: () => RecordedRequest[];
  sendCounts: () => Record<string, number>;
  callbacks: () => CallbackRecord[];
  setKnobs: (knobs: KnobsUpdate) => Knobs;
  setCallbackUrls: (urls: { whatsapp?: string; sms?: string }) => void;
  inbound: (input: InboundInput) => Promise<InboundResult>;
  userEvent: (phone: string, type: "opted-in" | "opted-out" | "sandbox-start") => Promise<InboundResult>;
  /** Marks a number as opted in without telling the app. */
  optIn: (phone: string) => void;
  /**
   * A guest wrote on WhatsApp at `at`, a message the app already holds (seeded demo data, or written
   * before this simulator started): the 24-hour window opens here too, and no callback is sent.
   */
  knowConversation: (phone: string, at: Date) => void;
  /** Resolves when every scheduled callback has been delivered (or given up on). */
  idle: () => Promise<void>;
  reset: () => Promise<void>;
  stop: () => Promise<void>;
};

const SELF_RECORDING = new Set([
  "/wa/api/v1/msg",
  "/sm/api/v1/msg",
  "/wa/api/v1/template/msg",
  "/sm/api/v1/template/msg",
  "/sm/api/v1/template/list/:appName",
  "/GatewayAPI/rest",
]);

/** Starts a Gupshup simulator: a real HTTP server speaking Gupshup's wire protocol. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const resolved = resolveOptions(options);
  const state = createState(options);
  const ctx: SimulatorContext = {
    options: resolved,
    state,
    targets: { whatsapp: options.callbackUrl, sms: options.smsCallbackUrl ?? smsUrlFor(options.callbackUrl) },
    callbacks: new CallbackSender(state, resolved.callbackTimeoutMs),
    now: options.now ?? Date.now,
    log: options.onRequest ?? (() => {}),
  };

  const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: 8 * 1024 * 1024 });
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  app.addHook("onResponse", async (request, reply) => {
    // Sends record themselves (with their fields); this catches the rest of the Gupshup surface.
    const route = request.routeOptions.url ?? "";
    if (!route.startsWith("/simulator") && !SELF_RECORDING.has(route)) {
      state.requests.push({
        seq: state.nextSeq(),
        at: new Date(ctx.now()).toISOString(),
        method: request.method,
        path: request.url.split("?")[0] ?? "",
        kind: "other",
        fields: {},
        outcome: reply.statusCode,
      });
    }
  });
  registerWhatsappApi(app, ctx);
  registerSmsApi(app, ctx);
  registerControlApi(app, ctx);

  await app.listen({ port: options.port ?? 0, host: options.host ?? "127.0.0.1" });
  const { port, address, family } = app.server.address() as AddressInfo;
  const host = family === "IPv6" ? `[${address}]` : address;

  return {
    url: `http://${host}:${port}`,
    port,
    appName: resolved.appName,
    source: resolved.source,
    apiKey: resolved.apiKey,
    gupshupEnv: {
      GUPSHUP_API_KEY: resolved.apiKey,
      GUPSHUP_APP_NAME: resolved.appName,
      GUPSHUP_SOURCE: resolved.source,
      GUPSHUP_API_BASE_URL: `http://${host}:${port}`,
      GUPSHUP_SMS_BASE_URL: `http://${host}:${port}`,
      GUPSHUP_SMS_USERID: resolved.smsUserId,
      GUPSHUP_SMS_PASSWORD: resolved.smsPassword,
    },
    state,
    requests: () => state.requests,
    sendCounts: () => state.sendCounts(),
    callbacks: () => state.callbacks,
    setKnobs: (knobs) => state.setKnobs(knobs),
    setCallbackUrls: (urls) => {
      if (urls.whatsapp !== undefined) ctx.targets.whatsapp = urls.whatsapp;
      ctx.targets.sms =
        urls.sms ?? (urls.whatsapp !== undefined ? smsUrlFor(urls.whatsapp) : ctx.targets.sms);
    },
    inbound: (input) => injectInbound(ctx, input),
    userEvent: (phone, type) => userEvent(ctx, phone, type),
    optIn: (phone) => {
      state.optedIn.add(phone);
      state.optedOut.delete(phone);
    },
    knowConversation: (phone, at) => {
      const known = state.lastInboundAt.get(phone) ?? 0;
      state.lastInboundAt.set(phone, Math.max(known, at.getTime()));
      state.optedIn.add(phone);
    },
    idle: () => ctx.callbacks.idle(),
    reset: async () => {
      await ctx.callbacks.idle();
      state.reset();
    },
    stop: async () => {
      await ctx.callbacks.stop();
      await app.close();
    },
  };
}
