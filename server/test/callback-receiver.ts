import http from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedCallback = {
  method: string;
  /** Path with query string, as received. */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
  json: unknown;
};

export type CallbackReceiver = {
  /** Base URL; point a simulator's callback URL at `${url}/webhooks/gupshup`. */
  url: string;
  received: ReceivedCallback[];
  /** Status code answered from now on (default 200). */
  answerWith: (status: number) => void;
  /** Waits until `predicate` holds for the received callbacks (polls; generous default timeout). */
  waitFor: (predicate: (received: ReceivedCallback[]) => boolean, timeoutMs?: number) => Promise<void>;
  close: () => Promise<void>;
};

/** A real HTTP listener standing in for the app's webhook endpoint in tests. */
export async function startCallbackReceiver(): Promise<CallbackReceiver> {
  const received: ReceivedCallback[] = [];
  let status = 200;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const url = new URL(req.url ?? "/", "http://receiver");
      received.push({
        method: req.method ?? "",
        url: req.url ?? "",
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
        json: parseJson(body),
      });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    answerWith: (next) => {
      status = next;
    },
    waitFor: async (predicate, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(received)) {
        if (Date.now() > deadline) {
          throw new Error(
            `condition not met within ${timeoutMs} ms; received:\n${received.map((r) => `${r.method} ${r.url} ${r.body}`).join("\n")}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
