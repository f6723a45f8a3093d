import type { OutboundMessage } from "@server/providers/channel-provider";
import { type ScriptedServer, startScriptedServer } from "@test/scripted-server";
import { afterEach, describe, expect, it } from "vitest";
import { createGupshupSmsProvider } from "./gupshup-sms";

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const sms: OutboundMessage = { type: "text", to: "+919812345678", text: "Your table is ready" };

async function sendAgainst(status: number, body: string, message = sms, baseSuffix = "") {
  server = await startScriptedServer((_req, res) => {
    res.writeHead(status, { "content-type": "text/plain" });
    res.end(body);
  });
  const provider = createGupshupSmsProvider({
    baseUrl: `${server.url}${baseSuffix}`,
    userId: "2000123456",
    password: "p@ss word",
    sender: "HOTELS",
    timeoutMs: 2000,
  });
  return provider.send(message);
}

describe("SMS send request", () => {
  it("posts GatewayAPI/rest SendMessage with the account, the sender mask and JSON format", async () => {
    await sendAgainst(
      200,
      '{"response":{"id":"3940265861","phone":"919812345678","details":"","status":"success"}}',
    );
    const req = server?.received[0];
    expect(req?.method).toBe("POST");
    expect(req?.path).toBe("/GatewayAPI/rest");
    expect(Object.fromEntries(new URLSearchParams(req?.body))).toEqual({
      method: "SendMessage",
      send_to: "919812345678",
      msg: "Your table is ready",
      msg_type: "TEXT",
      userid: "2000123456",
      password: "p@ss word",
      auth_scheme: "plain",
      v: "1.1",
      format: "json",
      mask: "HOTELS",
    });
  });

  it("uses UNICODE_TEXT for text outside the GSM alphabet and keeps a base URL's path prefix", async () => {
    const hindi = { ...sms, text: "आपका कमरा तैयार है" };
    await sendAgainst(200, "success | 919812345678 | 1", hindi, "/proxy/");
    expect(server?.received[0]?.path).toBe("/proxy/GatewayAPI/rest");
    expect(new URLSearchParams(server?.received[0]?.body).get("msg_type")).toBe("UNICODE_TEXT");
  });
});

describe("SMS send classification", () => {
  it("accepts the JSON and the text success replies, ids as strings", async () => {
    expect(
      await sendAgainst(200, '{"response":{"id":3940265861,"phone":"919812345678","status":"success"}}'),
    ).toEqual({ kind: "accepted", providerMessageId: "3940265861", providerStatus: "success" });
    expect(
      await sendAgainst(200, "success | 919812345678 | 3562707498794989059-328736121207676738\n"),
    ).toEqual({
      kind: "accepted",
      providerMessageId: "3562707498794989059-328736121207676738",
      providerStatus: "success",
    });
  });

  it.each([
    [
      '{"response":{"id":"102","phone":"","details":"Authentication failed due to invalid userId or password.","status":"error"}}',
    ],
    ["error | 103 | The userid does not exist"],
  ])("rejects an account error (HTTP 200 %s) naming the SMS variables", async (body) => {
    const result = await sendAgainst(200, body);
    expect(result).toMatchObject({
      kind: "rejected",
      code: "AUTH_FAILED",
      providerCode: expect.stringMatching(/^10[23]$/),
    });
    expect(result.kind === "rejected" && result.reason).toContain(
      "GUPSHUP_SMS_USERID and GUPSHUP_SMS_PASSWORD",
    );
  });

  it("rejects an invalid phone number (error 105) and other error ids permanently", async () => {
    expect(
      await sendAgainst(200, "error | 105 | The phone number 98765 is not a valid phone number."),
    ).toEqual({
      kind: "rejected",
      code: "INVALID_DESTINATION",
      reason: "Gupshup SMS error 105: The phone number 98765 is not a valid phone number.",
      providerCode: "105",
      providerText: "The phone number 98765 is not a valid phone number.",
    });
    expect(await sendAgainst(200, "error | 175 | INTERNATIONAL_PHONE service is disabled")).toMatchObject({
      kind: "rejected",
      code: "SMS_175",
      providerCode: "175",
      providerText: "INTERNATIONAL_PHONE service is disabled",
    });
  });

  it("retries error 100 (unknown exception, try later), 429 and 5xx", async () => {
    expect(await sendAgainst(200, "error | 100 | Unknown exception")).toMatchObject({
      kind: "retryable",
      code: "SMS_100",
    });
    expect(await sendAgainst(429, "slow down")).toMatchObject({ kind: "retryable", code: "RATE_LIMITED" });
    expect(await sendAgainst(503, "<html>maintenance</html>")).toMatchObject({
      kind: "retryable",
      code: "HTTP_503",
    });
  });

  it("calls an unreadable 200 ambiguous and a 404 a configuration problem", async () => {
    expect(await sendAgainst(200, "<html>hello</html>")).toMatchObject({ kind: "ambiguous" });
    const notFound = await sendAgainst(404, "not here");
    expect(notFound).toMatchObject({ kind: "rejected", code: "HTTP_404" });
    expect(notFound.kind === "rejected" && notFound.reason).toContain("GUPSHUP_SMS_BASE_URL");
  });

  it("refuses non-text messages and a missing account without calling Gupshup", async () => {
    const media: OutboundMessage = {
      type: "media",
      to: "91",
      mediaType: "image",
      url: "https://x.test/a.jpg",
    };
    expect(await sendAgainst(200, "success | 1 | 2", media)).toMatchObject({ code: "UNSUPPORTED_MESSAGE" });
    const unconfigured = createGupshupSmsProvider({
      baseUrl: "http://127.0.0.1:9",
      userId: undefined,
      password: undefined,
      sender: undefined,
      timeoutMs: 100,
    });
    expect(await unconfigured.send(sms)).toMatchObject({ kind: "rejected", code: "NOT_CONFIGURED" });
    expect(server?.received).toHaveLength(0);
  });
});
