import type { ServerResponse } from "node:http";
import net from "node:net";
import type { OutboundMessage } from "@server/providers/channel-provider";
import { type ScriptedServer, startScriptedServer } from "@test/scripted-server";
import { afterEach, describe, expect, it } from "vitest";
import { createGupshupWhatsappProvider } from "./gupshup-whatsapp";

// Every outcome class of a WhatsApp send, against real sockets answering the way Gupshup (or the network)
// can answer.

const text: OutboundMessage = { type: "text", to: "919812345678", text: "Your room is ready" };
let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const providerAt = (baseUrl: string, timeoutMs = 2000) =>
  createGupshupWhatsappProvider({
    apiKey: "k",
    appName: "DemoApp",
    source: "917834811114",
    baseUrl,
    timeoutMs,
  });

async function sendAgainst(answer: (res: ServerResponse) => void, message = text, timeoutMs?: number) {
  server = await startScriptedServer((_req, res) => answer(res));
  return providerAt(server.url, timeoutMs).send(message);
}

const reply =
  (status: number, body: string, headers: Record<string, string> = {}) =>
  (res: ServerResponse) => {
    res.writeHead(status, { "content-type": "text/html; charset=UTF-8", ...headers });
    res.end(body);
  };

describe("WhatsApp send classification", () => {
  it("accepts {status: submitted, messageId} whatever the content type, ids as strings", async () => {
    expect(await sendAgainst(reply(200, '{"status":"submitted","messageId":"ee4a68a0-1203"}'))).toEqual({
      kind: "accepted",
      providerMessageId: "ee4a68a0-1203",
      providerStatus: "submitted",
    });
    expect(await sendAgainst(reply(202, '{"status":"success","messageId":12345}'))).toEqual({
      kind: "accepted",
      providerMessageId: "12345",
      providerStatus: "success",
    });
  });

  it.each([
    [401, '{"status":"error","message":"Authentication Failed"}'],
    [401, '{"message":{"message":"Authentication Failed"},"status":"error"}'],
    [401, '{"status":"error","message":"Portal User Not Found With APIKey"}'],
    [403, "Forbidden"],
  ])("rejects HTTP %i %s as AUTH_FAILED naming GUPSHUP_API_KEY", async (status, body) => {
    const result = await sendAgainst(reply(status, body));
    expect(result).toMatchObject({
      kind: "rejected",
      code: "AUTH_FAILED",
      httpStatus: status,
      providerCode: String(status),
    });
    expect(result.kind === "rejected" && result.reason).toContain("check GUPSHUP_API_KEY");
  });

  it("rejects Invalid Destination", async () => {
    expect(await sendAgainst(reply(400, '{"message":"Invalid Destination","status":"error"}'))).toMatchObject(
      {
        kind: "rejected",
        code: "INVALID_DESTINATION",
        httpStatus: 400,
        providerCode: "400",
        providerText: "Invalid Destination",
      },
    );
  });

  it("rejects Invalid App Details naming GUPSHUP_APP_NAME and GUPSHUP_SOURCE, also inside a 2xx", async () => {
    for (const status of [400, 200]) {
      const result = await sendAgainst(reply(status, '{"message":"Invalid App Details","status":"error"}'));
      expect(result).toMatchObject({ kind: "rejected", code: "INVALID_APP_DETAILS", httpStatus: status });
      expect(result.kind === "rejected" && result.reason).toMatch(/GUPSHUP_APP_NAME and GUPSHUP_SOURCE/);
    }
  });

  it("rejects other 4xx permanently with Gupshup's words", async () => {
    const result = await sendAgainst(reply(400, '{"status":"error","message":"Invalid message format"}'));
    expect(result).toEqual({
      kind: "rejected",
      code: "HTTP_400",
      reason: "Gupshup refused the message: Invalid message format",
      httpStatus: 400,
      providerCode: "400",
      providerText: "Invalid message format",
    });
  });

  it("retries 429 after Retry-After seconds or an HTTP date", async () => {
    const body = '{"status":"error","message":"Too Many Requests"}';
    expect(await sendAgainst(reply(429, body, { "retry-after": "7" }))).toMatchObject({
      kind: "retryable",
      code: "RATE_LIMITED",
      retryAfterMs: 7000,
      httpStatus: 429,
    });
    const later = new Date(Date.now() + 60_000).toUTCString();
    const dated = await sendAgainst(reply(429, body, { "retry-after": later }));
    expect(dated.kind === "retryable" && dated.retryAfterMs).toBeGreaterThan(50_000);
    expect(await sendAgainst(reply(429, body))).toMatchObject({ kind: "retryable", retryAfterMs: undefined });
  });

  it.each([500, 502, 503, 504])("retries HTTP %i, even with an HTML body", async (status) => {
    expect(await sendAgainst(reply(status, "<html>Bad gateway</html>"))).toMatchObject({
      kind: "retryable",
      code: `HTTP_${status}`,
      httpStatus: status,
    });
  });

  it("calls a 2xx without a readable message id ambiguous (it may have been accepted)", async () => {
    expect(await sendAgainst(reply(200, "<html>ok</html>"))).toMatchObject({ kind: "ambiguous" });
    expect(await sendAgainst(reply(200, '{"status":"submitted"}'))).toMatchObject({ kind: "ambiguous" });
    const cutOff = (res: ServerResponse) => {
      res.writeHead(200, { "content-length": "200" });
      res.write('{"status":"submit');
      setTimeout(() => res.destroy(), 20);
    };
    expect(await sendAgainst(cutOff)).toMatchObject({ kind: "ambiguous" });
  });

  it("times out after the request was sent: ambiguous, never retryable", async () => {
    const result = await sendAgainst(() => {}, text, 150);
    expect(result.kind).toBe("ambiguous");
    expect(result.kind === "ambiguous" && result.reason).toMatch(
      /no answer within 150 ms after the request was sent/,
    );
  });

  it("is ambiguous when the connection is reset after the request was sent", async () => {
    const result = await sendAgainst((res) => res.socket?.destroy());
    expect(result).toMatchObject({ kind: "ambiguous" });
  });

  it("retries when the connection is refused", async () => {
    const closed = await startScriptedServer(() => {});
    await closed.close();
    expect(await providerAt(closed.url).send(text)).toMatchObject({
      kind: "retryable",
      code: "CONNECTION_REFUSED",
    });
  });

  it("retries when the host name does not resolve", async () => {
    expect(await providerAt("http://gupshup-api.invalid").send(text)).toMatchObject({
      kind: "retryable",
      code: "DNS_FAILURE",
    });
  });

  it("retries when the connection is reset before the whole request was written", async () => {
    // The server hangs up without reading; a body larger than the socket buffers cannot be written.
    const resetter = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => resetter.listen(0, "127.0.0.1", resolve));
    const { port } = resetter.address() as net.AddressInfo;
    const big: OutboundMessage = {
      type: "template",
      to: "919812345678",
      templateId: "t",
      params: ["x".repeat(16 << 20)],
    };
    const result = await providerAt(`http://127.0.0.1:${port}`).send(big);
    resetter.close();
    expect(result).toMatchObject({ kind: "retryable", code: "CONNECTION_RESET" });
  });

  it("honours an abort signal: retryable before sending, ambiguous after", async () => {
    server = await startScriptedServer(() => {});
    const provider = providerAt(server.url);
    expect(await provider.send(text, { signal: AbortSignal.abort() })).toMatchObject({
      kind: "retryable",
      code: "ABORTED",
    });
    expect(await provider.send(text, { signal: AbortSignal.timeout(100) })).toMatchObject({
      kind: "ambiguous",
    });
  });

  it("rejects before calling Gupshup when the app is not configured or the message is impossible", async () => {
    const ok = reply(200, '{"status":"submitted","messageId":"x"}');
    server = await startScriptedServer((_req, res) => ok(res));
    const unconfigured = createGupshupWhatsappProvider({
      apiKey: "k",
      appName: undefined,
      source: undefined,
      baseUrl: server.url,
      timeoutMs: 1000,
    });
    expect(await unconfigured.send(text)).toMatchObject({ kind: "rejected", code: "NOT_CONFIGURED" });
    const tooLong = { ...text, text: "x".repeat(4097) };
    expect(await providerAt(server.url).send(tooLong)).toMatchObject({
      kind: "rejected",
      code: "INVALID_MESSAGE",
    });
    const buttons = Array.from({ length: 4 }, (_, i) => ({ title: `b${i}` }));
    const fourButtons: OutboundMessage = { type: "quick_reply", to: "91", body: "?", buttons };
    expect(await providerAt(server.url).send(fourButtons)).toMatchObject({ code: "INVALID_MESSAGE" });
    expect(server.received).toHaveLength(0);
  });
});
