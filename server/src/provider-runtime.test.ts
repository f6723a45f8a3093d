import { parseGupshupWebhook } from "@server/providers/gupshup/gupshup-webhook";
import { DEFAULT_SIMULATOR_TEMPLATES } from "@server/simulator/simulator-options";
import { type CallbackReceiver, startCallbackReceiver } from "@test/callback-receiver";
import { testConfig } from "@test/test-app";
import { afterEach, describe, expect, it } from "vitest";
import { loopbackUrl, type ProviderRuntime, startProviderRuntime } from "./provider-runtime";

// main.ts's wiring: config without GUPSHUP_API_KEY → in-process simulator, adapters pointed at it,
// callbacks to the app's own /webhooks/gupshup with ?token=<secret>.

let runtime: ProviderRuntime | undefined;
let receiver: CallbackReceiver | undefined;
afterEach(async () => {
  await runtime?.stop();
  await receiver?.close();
  runtime = undefined;
  receiver = undefined;
});

describe(startProviderRuntime.name, () => {
  it("with no API key, a send through the adapter yields an id and the app's listener gets enqueued, sent, delivered, read", async () => {
    runtime = await startProviderRuntime(testConfig({ SIMULATOR_PORT: "0" }));
    receiver = await startCallbackReceiver();
    expect(runtime.mode).toBe("simulator");
    expect(runtime.webhookSecret?.length).toBeGreaterThanOrEqual(32);
    const urls = runtime.connectCallbacks(receiver.url);
    expect(urls?.whatsapp).toBe(`${receiver.url}/webhooks/gupshup?token=${runtime.webhookSecret}`);

    const template = DEFAULT_SIMULATOR_TEMPLATES[0];
    const result = await runtime.providers.whatsapp.send({
      type: "template",
      to: "919812345678",
      templateId: template?.id ?? "",
      params: ["Asha", "B-42", "Hotel Sea View", "12 March"],
    });
    expect(result).toMatchObject({ kind: "accepted", providerMessageId: expect.any(String) });
    const id = result.kind === "accepted" ? result.providerMessageId : "";

    const words = () =>
      (receiver?.received ?? [])
        .filter((r) => r.path === "/webhooks/gupshup" && r.query.get("token") === runtime?.webhookSecret)
        .flatMap((r) => parseGupshupWebhook({ rawBody: r.body }))
        .flatMap((e) => (e.kind === "status" && e.providerMessageId === id ? [e.providerStatus] : []));
    await receiver.waitFor(() => words().includes("read"), 15_000);
    expect(words()).toEqual(["enqueued", "sent", "delivered", "read"]);
  });

  it("uses GUPSHUP_WEBHOOK_SECRET when set, and sends SMS reports to /webhooks/gupshup/sms", async () => {
    const secret = "a-configured-secret-0123456789";
    runtime = await startProviderRuntime(testConfig({ SIMULATOR_PORT: "0", GUPSHUP_WEBHOOK_SECRET: secret }));
    receiver = await startCallbackReceiver();
    runtime.connectCallbacks(receiver.url);
    expect(runtime.webhookSecret).toBe(secret);
    const result = await runtime.providers.sms.send({
      type: "text",
      to: "919812345678",
      text: "Your cab is here",
    });
    expect(result.kind).toBe("accepted");
    await receiver.waitFor((r) => r.length > 0, 15_000);
    expect(receiver.received[0]).toMatchObject({ method: "GET", path: "/webhooks/gupshup/sms" });
    expect(receiver.received[0]?.query.get("token")).toBe(secret);
  });

  it("with an API key, points the adapters at Gupshup and starts no simulator", async () => {
    runtime = await startProviderRuntime(
      testConfig({
        GUPSHUP_API_KEY: "real-key",
        GUPSHUP_API_BASE_URL: "http://127.0.0.1:9",
        GUPSHUP_WEBHOOK_SECRET: "0123456789abcdef0123",
      }),
    );
    expect(runtime.mode).toBe("gupshup");
    expect(runtime.simulator).toBeUndefined();
    expect(runtime.connectCallbacks("http://127.0.0.1:4000")).toBeUndefined();
    // GUPSHUP_APP_NAME / GUPSHUP_SOURCE unset: refused before any HTTP call.
    expect(await runtime.providers.whatsapp.send({ type: "text", to: "91", text: "x" })).toMatchObject({
      kind: "rejected",
      code: "NOT_CONFIGURED",
    });
  });
});

describe(loopbackUrl.name, () => {
  it("reaches wildcard listeners through loopback and brackets IPv6", () => {
    expect(loopbackUrl({ address: "0.0.0.0", family: "IPv4", port: 4000 })).toBe("http://127.0.0.1:4000");
    expect(loopbackUrl({ address: "::", family: "IPv6", port: 4000 })).toBe("http://127.0.0.1:4000");
    expect(loopbackUrl({ address: "::1", family: "IPv6", port: 4000 })).toBe("http://[::1]:4000");
    expect(loopbackUrl({ address: "127.0.0.1", family: "IPv4", port: 1 })).toBe("http://127.0.0.1:1");
  });
});
