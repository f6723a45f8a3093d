import type { App } from "@server/http/app";

/** After this long, shutdown stops waiting for requests still running and closes their connections. */
const DRAIN_TIMEOUT_MS = 10_000;

/**
 * Shutdown that finishes. Fastify closes the connections that are idle when it starts closing; a request
 * still running then finishes later on a keep-alive connection, which stays open for Fastify's 72-second
 * keep-alive timeout, and `app.close()` waits for it (past the process's forced exit). Answers given
 * while closing say `Connection: close`, so the client reconnects elsewhere and the socket ends with the
 * answer; whatever still runs after the drain timeout is cut (a webhook cut there was never acknowledged,
 * so Gupshup sends it again).
 */
export function registerDrainOnClose(app: App, drainTimeoutMs = DRAIN_TIMEOUT_MS): void {
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
    setTimeout(() => app.server.closeAllConnections(), drainTimeoutMs).unref();
  });
  app.addHook("onSend", async (_request, reply) => {
    if (closing) reply.header("connection", "close");
  });
}
