import type { ProviderRegistry } from "@server/providers/channel-provider";
import { parseGupshupWebhook } from "@server/providers/gupshup/gupshup-webhook";
import type { InboundEvent, StatusEvent } from "@server/providers/inbound-event";
import { createProviders } from "@server/providers/registry";
import { SIMULATOR_DEFAULTS, type SimulatorOptions } from "@server/simulator/simulator-options";
import { type SimulatorHandle, startSimulator } from "@server/simulator/start-simulator";
import { type CallbackReceiver, startCallbackReceiver } from "./callback-receiver";

export type SimulatorHarness = {
  simulator: SimulatorHandle;
  receiver: CallbackReceiver;
  /** The real adapters, pointed at the simulator. */
  providers: ProviderRegistry;
  /** Every callback the receiver got, parsed by the real webhook parser, in arrival order. */
  events: () => InboundEvent[];
  statusesFor: (providerMessageId: string) => StatusEvent[];
  close: () => Promise<void>;
};

/** A simulator on a free port with fast callbacks, a receiver for them, and adapters pointed at it. */
export async function startSimulatorHarness(options: SimulatorOptions = {}): Promise<SimulatorHarness> {
  const receiver = await startCallbackReceiver();
  const simulator = await startSimulator({
    callbackUrl: `${receiver.url}/webhooks/gupshup`,
    delaysMs: { enqueued: 0, sent: 0, delivered: 0, read: 0 },
    ...options,
    knobs: { callbackRetries: 0, ...options.knobs },
  });
  const providers = createProviders({
    whatsapp: {
      apiKey: simulator.apiKey,
      appName: simulator.appName,
      source: simulator.source,
      baseUrl: simulator.url,
      timeoutMs: 2000,
    },
    sms: {
      baseUrl: simulator.url,
      userId: options.smsUserId ?? SIMULATOR_DEFAULTS.smsUserId,
      password: options.smsPassword ?? SIMULATOR_DEFAULTS.smsPassword,
      sender: "HOTELS",
      timeoutMs: 2000,
    },
  });
  const events = () =>
    receiver.received.flatMap((r) => parseGupshupWebhook({ rawBody: r.body, query: r.query.toString() }));
  return {
    simulator,
    receiver,
    providers,
    events,
    statusesFor: (id) =>
      events().filter((e): e is StatusEvent => e.kind === "status" && e.providerMessageId === id),
    close: async () => {
      await simulator.stop();
      await receiver.close();
    },
  };
}

/** The provider id of an accepted send, or a failed test with the actual outcome. */
export function acceptedId(result: { kind: string; providerMessageId?: string }): string {
  if (result.kind !== "accepted" || !result.providerMessageId)
    throw new Error(`not accepted: ${JSON.stringify(result)}`);
  return result.providerMessageId;
}
