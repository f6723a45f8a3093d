import http from "node:http";
import Fastify from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { afterEach, describe, expect, it, vi } from "vitest";
import { registerDrainOnClose } from "./drain-on-close";

// Shutdown with a request still running (a webhook waiting on the database, say): the process's
// 15-second forced exit must never be what ends it.
const agent = new http.Agent({ keepAlive: true });
afterEach(() => agent.destroy());

async function appWithPendingRoute(drainTimeoutMs?: number) {
  const app = Fastify().withTypeProvider<ZodTypeProvider>();
  registerDrainOnClose(app, drainTimeoutMs);
  let markRunning = () => {};
  const running = new Promise<void>((resolve) => {
    markRunning = resolve;
  });
  let finish = () => {};
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  app.get("/pending", async () => {
    markRunning();
    await finished;
    return { ok: true };
  });
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  const answer = new Promise<http.IncomingMessage>((resolve, reject) => {
    http.get(`${url}/pending`, { agent }, resolve).on("error", reject);
  });
  await running;
  return { app, answer, finish };
}

describe("closing the app while a request runs", () => {
  it("answers it with Connection: close, so the keep-alive connection ends and the close finishes", async () => {
    const { app, answer, finish } = await appWithPendingRoute();
    const closed = app.close();
    // The request finishes once the server has stopped listening, as a slow one would.
    await vi.waitFor(() => expect(app.server.listening).toBe(false));
    finish();
    const res = await answer;
    res.resume();
    expect(res.statusCode).toBe(200);
    expect(res.headers.connection).toBe("close");
    // Without the drain, this waits for Fastify's 72-second keep-alive timeout.
    await closed;
  });

  it("cuts a request that is still running after the drain timeout", async () => {
    const { app, answer, finish } = await appWithPendingRoute(50);
    await app.close();
    await expect(answer).rejects.toThrow(/socket hang up|ECONNRESET/);
    finish();
  });
});
