import type { AppIdentity } from "./callback-payloads";
import type { CallbackSender } from "./callback-sender";
import { DEFAULT_SIMULATOR_TEMPLATES, SIMULATOR_DEFAULTS, type SimulatorOptions } from "./simulator-options";
import { initialKnobs, SimulatorState } from "./simulator-state";

export type ResolvedOptions = AppIdentity & {
  apiKey: string;
  sandbox: boolean;
  maxSandboxUsers: number;
  smsUserId: string;
  smsPassword: string;
  smsShortcode: string;
  sessionWindowMs: number;
  callbackTimeoutMs: number;
};

/** What every part of the simulator shares. */
export type SimulatorContext = {
  options: ResolvedOptions;
  state: SimulatorState;
  /** Callback URLs; changeable at run time (the app may learn its own port after the simulator started). */
  targets: { whatsapp?: string; sms?: string };
  callbacks: CallbackSender;
  now: () => number;
  log: (line: string) => void;
};

export function resolveOptions(options: SimulatorOptions): ResolvedOptions {
  return {
    apiKey: options.apiKey ?? SIMULATOR_DEFAULTS.apiKey,
    appName: options.appName ?? SIMULATOR_DEFAULTS.appName,
    appId: options.appId ?? SIMULATOR_DEFAULTS.appId,
    source: options.source ?? SIMULATOR_DEFAULTS.source,
    sandbox: options.sandbox ?? false,
    maxSandboxUsers: options.maxSandboxUsers ?? SIMULATOR_DEFAULTS.maxSandboxUsers,
    smsUserId: options.smsUserId ?? SIMULATOR_DEFAULTS.smsUserId,
    smsPassword: options.smsPassword ?? SIMULATOR_DEFAULTS.smsPassword,
    smsShortcode: options.smsShortcode ?? SIMULATOR_DEFAULTS.smsShortcode,
    sessionWindowMs: options.sessionWindowMs ?? SIMULATOR_DEFAULTS.sessionWindowMs,
    callbackTimeoutMs: options.callbackTimeoutMs ?? SIMULATOR_DEFAULTS.callbackTimeoutMs,
  };
}

export function createState(options: SimulatorOptions): SimulatorState {
  return new SimulatorState(
    initialKnobs(options.knobs, options.delaysMs),
    options.templates ?? DEFAULT_SIMULATOR_TEMPLATES,
  );
}

/** SMS callbacks go to their own URL, by default the WhatsApp one plus `/sms` (query string kept). */
export function smsUrlFor(callbackUrl: string | undefined): string | undefined {
  if (!callbackUrl) return undefined;
  const url = new URL(callbackUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/sms`;
  return url.toString();
}
