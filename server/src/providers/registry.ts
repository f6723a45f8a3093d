import type { ChannelProvider, ProviderChannel, ProviderRegistry } from "./channel-provider";
import { createGupshupSmsProvider, type GupshupSmsConfig } from "./gupshup/gupshup-sms";
import { createGupshupWhatsappProvider, type GupshupWhatsappConfig } from "./gupshup/gupshup-whatsapp";

export type ProvidersConfig = { whatsapp: GupshupWhatsappConfig; sms: GupshupSmsConfig };

/** One provider per channel. The same code talks to Gupshup or to the simulator: only URLs and keys differ. */
export function createProviders(config: ProvidersConfig): ProviderRegistry {
  return {
    whatsapp: createGupshupWhatsappProvider(config.whatsapp),
    sms: createGupshupSmsProvider(config.sms),
  };
}

/** The provider that carries a channel's messages. */
export function providerFor(registry: ProviderRegistry, channel: ProviderChannel): ChannelProvider {
  return channel === "WHATSAPP" ? registry.whatsapp : registry.sms;
}

/**
 * The provider that reads a stored callback again, by the vendor it was stored under
 * (webhook_events.provider). Gupshup's WhatsApp and SMS adapters share one parser that reads every
 * Gupshup callback format, so the WhatsApp adapter reads both endpoints' callbacks.
 */
export function callbackReaderFor(registry: ProviderRegistry, provider: string): ChannelProvider | undefined {
  return provider === "gupshup" ? registry.whatsapp : undefined;
}
