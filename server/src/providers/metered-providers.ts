import type { Metrics } from "@server/metrics";
import type { ChannelProvider, ProviderRegistry, SendResult } from "./channel-provider";

/**
 * The registry with every send counted and timed for /metrics (commhub_send_attempts_total by channel,
 * outcome and provider code; commhub_provider_request_duration_seconds), whichever verb sends. Everything
 * else passes straight through to the adapter.
 */
export function meterProviders(providers: ProviderRegistry, metrics: Metrics): ProviderRegistry {
  return { whatsapp: metered(providers.whatsapp, metrics), sms: metered(providers.sms, metrics) };
}

function metered<P extends ChannelProvider>(provider: P, metrics: Metrics): P {
  const send: ChannelProvider["send"] = async (message, options) => {
    const started = process.hrtime.bigint();
    const result = await provider.send(message, options);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    metrics.providerLatency.observe({ channel: provider.channel, outcome: result.kind }, seconds);
    metrics.sendAttempts.inc({ channel: provider.channel, outcome: result.kind, code: codeOf(result) });
    return result;
  };
  return new Proxy(provider, {
    get(target, property) {
      if (property === "send") return send;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** The provider's error code, or the outcome itself when there is none (accepted, no answer). */
function codeOf(result: SendResult): string {
  if (result.kind === "rejected" || result.kind === "retryable") return result.code;
  return result.kind;
}
