import { createMetrics } from "@server/metrics";
import { createProviders } from "@server/providers/registry";
import { type SimulatorHandle, startSimulator } from "@server/simulator/start-simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { meterProviders } from "./metered-providers";

let simulator: SimulatorHandle;
beforeAll(async () => {
  simulator = await startSimulator({ port: 0, knobs: { enforceSessionWindow: false } });
});
afterAll(() => simulator.stop());

describe("meterProviders", () => {
  it("counts and times every send by channel, outcome and provider code; the rest passes through", async () => {
    const metrics = createMetrics();
    const providers = meterProviders(
      createProviders({
        whatsapp: {
          apiKey: simulator.apiKey,
          appName: simulator.appName,
          source: simulator.source,
          baseUrl: simulator.url,
          timeoutMs: 5_000,
        },
        sms: { baseUrl: simulator.url, userId: "x", password: "y", sender: "HOTELS", timeoutMs: 5_000 },
      }),
      metrics,
    );
    expect(providers.whatsapp.channel).toBe("WHATSAPP");
    expect((await providers.whatsapp.listTemplates()).kind).toBe("ok");

    const accepted = await providers.whatsapp.send({ type: "text", to: "919812345671", text: "hello" });
    simulator.setKnobs({ failNext: 1 });
    const failed = await providers.whatsapp.send({ type: "text", to: "919812345671", text: "again" });
    expect([accepted.kind, failed.kind]).toEqual(["accepted", "retryable"]);

    const attempts = (await metrics.sendAttempts.get()).values.map((v) => [v.labels, v.value]);
    expect(attempts).toContainEqual([{ channel: "WHATSAPP", outcome: "accepted", code: "accepted" }, 1]);
    expect(attempts).toContainEqual([
      { channel: "WHATSAPP", outcome: "retryable", code: failed.kind === "retryable" ? failed.code : "" },
      1,
    ]);
    const latency = (await metrics.providerLatency.get()).values.filter((v) =>
      v.metricName?.endsWith("_count"),
    );
    expect(latency.reduce((n, v) => n + v.value, 0)).toBe(2);
  });
});
