import { randomBytes } from "node:crypto";
import type { Config } from "@server/config";
import type { ProviderRegistry } from "@server/providers/channel-provider";
import { createProviders, type ProvidersConfig } from "@server/providers/registry";
import { SIMULATOR_DEFAULTS } from "@server/simulator/simulator-options";
import { type SimulatorHandle, startSimulator } from "@server/simulator/start-simulator";

// Config → providers. With a GUPSHUP_API_KEY the adapters talk to Gupshup; without one the process
// starts the simulator and points the very same adapters at it.

export type ProviderRuntime = {
  mode: "gupshup" | "simulator";
  providers: ProviderRegistry;
  /** The secret callbacks must carry: GUPSHUP_WEBHOOK_SECRET, or in simulator mode a random one per process. */
  webhookSecret: string | undefined;
  simulator?: SimulatorHandle;
  /** In simulator mode, sends callbacks to the app at `appUrl` once it listens; returns the URLs (with token). */
  connectCallbacks: (appUrl: string) => { whatsapp: string; sms: string } | undefined;
  stop: () => Promise<void>;
};

/** The adapters' config as the environment describes it (the production path). */
export function gupshupProvidersConfig(config: Config): ProvidersConfig {
  const g = config.gupshup;
  return {
    whatsapp: {
      apiKey: g.apiKey ?? "",
      appName: g.appName,
      source: g.source,
      baseUrl: g.apiBaseUrl,
      timeoutMs: g.timeoutMs,
    },
    sms: {
      baseUrl: g.sms.baseUrl,
      userId: g.sms.userId,
      password: g.sms.password,
      sender: g.sms.sender,
      timeoutMs: g.timeoutMs,
    },
  };
}

export async function startProviderRuntime(config: Config): Promise<ProviderRuntime> {
  if (config.providerMode === "gupshup") {
    return {
      mode: "gupshup",
      providers: createProviders(gupshupProvidersConfig(config)),
      webhookSecret: config.gupshup.webhook.secret,
      connectCallbacks: () => undefined,
      stop: async () => {},
    };
  }
  const g = config.gupshup;
  const webhookSecret = g.webhook.secret ?? randomBytes(24).toString("base64url");
  const appName = g.appName ?? SIMULATOR_DEFAULTS.appName;
  const source = g.source ?? SIMULATOR_DEFAULTS.source;
  const sms = {
    userId: g.sms.userId ?? SIMULATOR_DEFAULTS.smsUserId,
    password: g.sms.password ?? SIMULATOR_DEFAULTS.smsPassword,
    sender: g.sms.sender ?? SIMULATOR_DEFAULTS.smsShortcode,
  };
  const simulator = await startSimulator({
    port: config.simulator.port,
    apiKey: SIMULATOR_DEFAULTS.apiKey,
    appName,
    source,
    smsUserId: sms.userId,
    smsPassword: sms.password,
    smsShortcode: sms.sender,
  }).catch((err: unknown) => {
    if (!(err instanceof Error && "code" in err && err.code === "EADDRINUSE")) throw err;
    throw new Error(
      `SIMULATOR_PORT ${config.simulator.port} is in use; set SIMULATOR_PORT to a free port (0 = any)`,
    );
  });
  const providers = createProviders({
    whatsapp: { apiKey: simulator.apiKey, appName, source, baseUrl: simulator.url, timeoutMs: g.timeoutMs },
    sms: { baseUrl: simulator.url, ...sms, timeoutMs: g.timeoutMs },
  });
  return {
    mode: "simulator",
    providers,
    webhookSecret,
    simulator,
    connectCallbacks: (appUrl) => {
      const urls = {
        whatsapp: webhookUrl(appUrl, "/webhooks/gupshup", webhookSecret),
        sms: webhookUrl(appUrl, "/webhooks/gupshup/sms", webhookSecret),
      };
      simulator.setCallbackUrls(urls);
      return urls;
    },
    stop: () => simulator.stop(),
  };
}

function webhookUrl(appUrl: string, path: string, token: string): string {
  const url = new URL(path, appUrl);
  url.searchParams.set("token", token);
  return url.toString();
}

/** The URL the process itself can reach a listening server on (0.0.0.0/:: → loopback). */
export function loopbackUrl(address: { address: string; family: string; port: number }): string {
  if (address.address === "0.0.0.0" || address.address === "::") return `http://127.0.0.1:${address.port}`;
  return address.family === "IPv6"
    ? `http://[${address.address}]:${address.port}`
    : `http://${address.address}:${address.port}`;
}
