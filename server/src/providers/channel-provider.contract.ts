import type { ChannelProvider, OutboundMessage, SendResult } from "@server/providers/channel-provider";
import type { StatusEvent } from "@server/providers/inbound-event";
import { type SimulatorHandle, startSimulator } from "@server/simulator/start-simulator";
import { type CallbackReceiver, startCallbackReceiver } from "@test/callback-receiver";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

// The behaviour every ChannelProvider must show, checked through the real adapter over real HTTP
// against the Gupshup simulator (started on a free port per test file).

export type ProviderFactory = (options: {
  baseUrl: string;
  timeoutMs: number;
  wrongCredentials?: boolean;
}) => ChannelProvider;

export type ContractSubject = {
  create: ProviderFactory;
  /** A message this channel can carry, to `to`. */
  message: (to: string) => OutboundMessage;
  /** The status a delivered message ends in on this channel. */
  finalStatus: "DELIVERED" | "READ";
  /** Makes `recipient` reachable (e.g. opens the WhatsApp session window). */
  prepare?: (simulator: SimulatorHandle, recipient: string) => Promise<void>;
};

const recipient = "919812345678";
const token = "contract-suite-webhook-secret";

export function describeChannelProvider(name: string, subject: ContractSubject): void {
  describe(`ChannelProvider contract: ${name}`, () => {
    let simulator: SimulatorHandle;
    let receiver: CallbackReceiver;
    let provider: ChannelProvider;

    beforeAll(async () => {
      receiver = await startCallbackReceiver();
      simulator = await startSimulator({
        callbackUrl: `${receiver.url}/webhooks/gupshup?token=${token}`,
        delaysMs: { enqueued: 5, sent: 5, delivered: 5, read: 5 },
        knobs: { callbackRetries: 0 },
      });
      provider = subject.create({ baseUrl: simulator.url, timeoutMs: 2000 });
    });
    afterAll(async () => {
      await simulator.stop();
      await receiver.close();
    });
    beforeEach(async () => {
      await simulator.reset();
      simulator.setKnobs({ callbackRetries: 0 });
      receiver.received.length = 0;
      await subject.prepare?.(simulator, recipient);
    });

    const accepted = (result: SendResult) => {
      if (result.kind !== "accepted") throw new Error(`expected accepted, got ${JSON.stringify(result)}`);
      return result;
    };
    const statusesFor = (id: string): StatusEvent[] =>
      receiver.received
        .flatMap((r) =>
          provider.parseWebhook({ headers: r.headers, query: r.query.toString(), rawBody: r.body }),
        )
        .filter((e): e is StatusEvent => e.kind === "status" && e.providerMessageId === id);

    it("accepts a message with a string provider id, one send request per message", async () => {
      const first = accepted(await provider.send(subject.message(recipient)));
      const second = accepted(await provider.send(subject.message(recipient)));
      expect(typeof first.providerMessageId).toBe("string");
      expect(first.providerMessageId).not.toBe(second.providerMessageId);
      expect(simulator.sendCounts()).toEqual({ [recipient]: 2 });
    });

    it(`delivers status callbacks that parse back to the provider id, up to ${subject.finalStatus}`, async () => {
      const { providerMessageId } = accepted(await provider.send(subject.message(recipient)));
      await receiver.waitFor(() =>
        statusesFor(providerMessageId).some((e) => e.status === subject.finalStatus),
      );
      const statuses = statusesFor(providerMessageId).map((e) => e.status);
      expect(statuses.at(-1)).toBe(subject.finalStatus);
      expect(statuses).not.toContain("FAILED");
    });

    it("sends callbacks that authenticate with the webhook secret", async () => {
      accepted(await provider.send(subject.message(recipient)));
      await receiver.waitFor((r) => r.length > 0);
      for (const r of receiver.received) {
        const request = { headers: r.headers, query: r.query.toString(), rawBody: r.body };
        expect(provider.authenticateWebhook(request, { secret: token, allowedIps: [] }).ok).toBe(true);
        expect(provider.authenticateWebhook(request, { secret: `${token}-other`, allowedIps: [] }).ok).toBe(
          false,
        );
      }
    });

    it("rejects wrong credentials permanently", async () => {
      const wrong = subject.create({ baseUrl: simulator.url, timeoutMs: 2000, wrongCredentials: true });
      expect(await wrong.send(subject.message(recipient))).toMatchObject({
        kind: "rejected",
        code: "AUTH_FAILED",
      });
    });

    it("rejects an invalid destination permanently", async () => {
      expect(await provider.send(subject.message("12ab"))).toMatchObject({
        kind: "rejected",
        code: "INVALID_DESTINATION",
      });
    });

    it("retries a 500, then the next send goes through", async () => {
      simulator.setKnobs({ failNext: 1 });
      expect(await provider.send(subject.message(recipient))).toMatchObject({
        kind: "retryable",
        code: "HTTP_500",
      });
      accepted(await provider.send(subject.message(recipient)));
    });

    it("retries a 429 after Retry-After", async () => {
      simulator.setKnobs({ rateLimitNext: 1, retryAfter: "3" });
      expect(await provider.send(subject.message(recipient))).toMatchObject({
        kind: "retryable",
        code: "RATE_LIMITED",
        retryAfterMs: 3000,
      });
    });

    it("calls a send the provider accepted but never answered ambiguous", async () => {
      simulator.setKnobs({ hangNext: 1 });
      const impatient = subject.create({ baseUrl: simulator.url, timeoutMs: 300 });
      expect(await impatient.send(subject.message(recipient))).toMatchObject({ kind: "ambiguous" });
      expect(simulator.state.messages).toHaveLength(1);
      expect(simulator.requests().at(-1)?.outcome).toBe("hung");
    });

    it("calls a dropped connection after the request was sent ambiguous", async () => {
      simulator.setKnobs({ dropNext: 1 });
      expect(await provider.send(subject.message(recipient))).toMatchObject({ kind: "ambiguous" });
      expect(simulator.requests().at(-1)?.outcome).toBe("dropped");
    });

    it("retries when the provider cannot be reached at all", async () => {
      const gone = await startSimulator();
      await gone.stop();
      const unreachable = subject.create({ baseUrl: gone.url, timeoutMs: 2000 });
      expect(await unreachable.send(subject.message(recipient))).toMatchObject({
        kind: "retryable",
        code: "CONNECTION_REFUSED",
      });
    });
  });
}
