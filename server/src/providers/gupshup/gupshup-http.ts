import http, { type IncomingHttpHeaders } from "node:http";
import https from "node:https";

// node:http rather than fetch: the write callback tells "the bytes never left" (safe to retry) from
// "sent, then no answer" (the provider may have accepted it), which fetch does not expose.

export type HttpCall = {
  url: string;
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
  /** Deadline for the whole exchange: connect, send, and the complete answer. */
  timeoutMs: number;
  signal?: AbortSignal;
};

export type HttpAnswer = {
  kind: "response";
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** False when the connection broke or the deadline passed in the middle of the body. */
  bodyComplete: boolean;
};

export type HttpFailure = {
  kind: "failure";
  /** Whether the whole request had been handed to the network before it failed. */
  sent: boolean;
  cause: "timeout" | "aborted" | "error";
  code?: string;
  message: string;
};

const MAX_BODY_BYTES = 1024 * 1024;

/** One HTTP exchange with a hard deadline; resolves with an answer or a failure, never rejects. */
export function httpCall(call: HttpCall): Promise<HttpAnswer | HttpFailure> {
  return new Promise((resolve) => {
    const url = new URL(call.url);
    const transport = url.protocol === "https:" ? https : http;
    const body = call.body === undefined ? undefined : Buffer.from(call.body, "utf8");
    const headers = body ? { ...call.headers, "content-length": String(body.length) } : call.headers;
    // agent: false → a fresh connection each time, so a stale keep-alive socket can never turn a
    // harmless reset into an "ambiguous" outcome.
    const req = transport.request(url, { method: call.method, headers, agent: false });

    let settled = false;
    let sent = false;
    let answer: HttpAnswer | undefined;
    const chunks: Buffer[] = [];

    const settle = (outcome: HttpAnswer | HttpFailure) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      call.signal?.removeEventListener("abort", onAbort);
      resolve(outcome);
      req.destroy();
    };
    const partial = (): HttpAnswer | undefined =>
      answer && { ...answer, body: Buffer.concat(chunks).toString("utf8"), bodyComplete: false };
    const fail = (cause: HttpFailure["cause"], err?: Error & { code?: string }) =>
      settle(
        partial() ?? {
          kind: "failure",
          sent,
          cause,
          code: err?.code,
          message: err?.message ?? (cause === "timeout" ? `no answer within ${call.timeoutMs} ms` : cause),
        },
      );
    const onAbort = () => fail("aborted");

    req.on("error", (err) => fail("error", err));
    const timer = setTimeout(() => fail("timeout"), call.timeoutMs);
    if (call.signal?.aborted) return fail("aborted");
    call.signal?.addEventListener("abort", onAbort, { once: true });

    // `sent` only once the kernel took every byte: a write that fails half-way (EPIPE, reset) left an
    // incomplete request the server cannot have acted on. The request's `finish` event is not enough, as
    // it also fires after a failed final write.
    const markSent = (err?: Error | null) => {
      if (!err) sent = true;
    };
    req.on("response", (res) => {
      answer = {
        kind: "response",
        status: res.statusCode ?? 0,
        headers: res.headers,
        body: "",
        bodyComplete: true,
      };
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) return fail("error");
        chunks.push(chunk);
      });
      res.on("end", () => {
        if (answer) settle({ ...answer, body: Buffer.concat(chunks).toString("utf8") });
      });
      res.on("error", (err) => fail("error", err));
      res.on("close", () => fail("error"));
    });
    if (body) {
      req.write(body, markSent);
      req.end();
    } else {
      req.end(markSent);
    }
  });
}
