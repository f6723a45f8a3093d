import type { ProviderRegistry } from "@server/providers/channel-provider";
import { createProviders } from "@server/providers/registry";
import { SIMULATOR_DEFAULTS, type SimulatorOptions } from "@server/simulator/simulator-options";
import { type SimulatorHandle, startSimulator } from "@server/simulator/start-simulator";
import type { TestEnv } from "./test-app";
import { buildWebhookTestApp, WEBHOOK_SECRET, type WebhookTestApp } from "./webhook-harness";

export type AppWithSimulator = {
  t: WebhookTestApp;
  simulator: SimulatorHandle;
  /** The real adapters, pointed at the simulator (what the send job uses). */
  providers: ProviderRegistry;
  close: () => Promise<void>;
};

/**
 * The real app listening on a free port and a simulator whose callbacks go to the app's webhook URLs
 * with the secret as ?token=, the way `npm start` wires them in simulator mode (the app knows the
 * simulator too, so its /api/simulator/* routes are there). Callbacks are immediate.
 */
export async function startAppWithSimulator(
  env: TestEnv = {},
  options: SimulatorOptions = {},
): Promise<AppWithSimulator> {
  const simulator = await startSimulator({
    delaysMs: { enqueued: 0, sent: 0, delivered: 0, read: 0 },
    ...options,
    knobs: { callbackRetries: 0, enforceSessionWindow: false, ...options.knobs },
  });
  const t = await buildWebhookTestApp(env, { simulatorUrl: simulator.url });
  const appUrl = await t.app.listen({ port: 0, host: "127.0.0.1" });
  simulator.setCallbackUrls({
    whatsapp: options.callbackUrl ?? `${appUrl}/webhooks/gupshup?token=${WEBHOOK_SECRET}`,
    sms: options.smsCallbackUrl ?? `${appUrl}/webhooks/gupshup/sms?token=${WEBHOOK_SECRET}`,
  });
  const providers = createProviders({
    whatsapp: {
      apiKey: simulator.apiKey,
      appName: simulator.appName,
      source: simulator.source,
      baseUrl: simulator.url,
      timeoutMs: 5000,
    },
    sms: {
      baseUrl: simulator.url,
      userId: SIMULATOR_DEFAULTS.smsUserId,
      password: SIMULATOR_DEFAULTS.smsPassword,
      sender: "HOTELS",
      timeoutMs: 5000,
    },
  });
  return {
    t,
    simulator,
    providers,
    close: async () => {
      await simulator.stop();
      await t.close();
    },
  };
}
