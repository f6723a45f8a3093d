import { randomInt } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { playSmsLifecycle } from "./message-lifecycle";
import { type Answer, handleSend } from "./send-flow";
import type { SimulatorContext } from "./simulator-context";

// Gupshup Enterprise SMS GatewayAPI (docs/gupshup-formats.md §7.1): GET or POST, errors as HTTP 200 bodies, a text
// (`success | phone | id`) or JSON ({"response":{…}}) reply.

export function registerSmsApi(app: FastifyInstance, ctx: SimulatorContext): void {
  const handler = (request: FastifyRequest, reply: FastifyReply) =>
    handleSend(ctx, request, reply, "sms", (fields) => smsSend(ctx, fields));
  app.get("/GatewayAPI/rest", handler);
  app.post("/GatewayAPI/rest", handler);
}

function smsSend(ctx: SimulatorContext, raw: Record<string, string>): Answer {
  const f = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k.toLowerCase(), v]));
  const format = f.format?.toLowerCase() === "json" ? "json" : "text";
  const fail = (id: string, details: string) => smsReply(format, "error", id, "", details);
  if (f.method?.toLowerCase() !== "sendmessage") return fail("106", "Method not supported");
  if (f.userid !== ctx.options.smsUserId || f.password !== ctx.options.smsPassword) {
    return fail("102", "Authentication failed due to invalid userId or password.");
  }
  const phone = f.send_to ?? "";
  if (!/^\d{8,15}$/.test(phone)) return fail("105", `The phone number ${phone} is not a valid phone number.`);
  if (!f.msg) return fail("101", "The message is empty");

  const messageId = `${randomDigits(19)}-${randomDigits(18)}`;
  const msg = {
    messageId,
    channel: "SMS" as const,
    destination: phone,
    kind: "session" as const,
    fate: phone.endsWith("0003") ? "failed 003" : "deliver",
    acceptedAt: new Date(ctx.now()).toISOString(),
  };
  ctx.state.messages.push(msg);
  playSmsLifecycle(ctx, msg, f.mask ?? ctx.options.smsShortcode);
  return { ...smsReply(format, "success", messageId, phone, ""), messageId };
}

function smsReply(
  format: "json" | "text",
  status: string,
  id: string,
  phone: string,
  details: string,
): Answer {
  if (format === "json") {
    return {
      status: 200,
      body: JSON.stringify({ response: { id, phone, details, status } }),
      contentType: "application/json",
    };
  }
  const line = status === "success" ? `success | ${phone} | ${id}` : `error | ${id} | ${details}`;
  return { status: 200, body: line, contentType: "text/plain; charset=UTF-8" };
}

function randomDigits(n: number): string {
  let out = String(randomInt(1, 10));
  while (out.length < n) out += String(randomInt(0, 10));
  return out;
}
