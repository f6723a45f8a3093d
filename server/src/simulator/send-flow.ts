import type { FastifyReply, FastifyRequest } from "fastify";
import type { SimulatorContext } from "./simulator-context";
import type { RecordedRequest, RequestKind } from "./simulator-state";

// The path every send request takes: recorded first, then the test knobs (drop, 500, 429), then
// Gupshup's own validation and acceptance, then possibly "accepted but never answered".

export type Answer = {
  status: number;
  body: string;
  contentType: string;
  headers?: Record<string, string>;
  messageId?: string;
};

const jsonType = "application/json";

export async function handleSend(
  ctx: SimulatorContext,
  request: FastifyRequest,
  reply: FastifyReply,
  kind: RequestKind,
  process: (fields: Record<string, string>) => Answer,
): Promise<void> {
  const fields = requestFields(request);
  const record = recordRequest(ctx, request, kind, fields);
  const knobs = ctx.state.knobs;

  if (knobs.dropNext > 0) {
    knobs.dropNext -= 1;
    if (knobs.dropAccepts) record.messageId = process(fields).messageId;
    record.outcome = "dropped";
    reply.hijack();
    request.raw.socket.destroy();
    return;
  }
  const answer = knobAnswer(ctx) ?? process(fields);
  record.outcome = answer.status;
  record.messageId = answer.messageId;
  if (answer.messageId && knobs.hangNext > 0) {
    knobs.hangNext -= 1;
    record.outcome = "hung";
    reply.hijack(); // never answered; the connection closes when the client gives up or the simulator stops
    return;
  }
  ctx.log(`${request.method} ${request.url.split("?")[0]} → ${answer.status}`);
  await reply
    .code(answer.status)
    .headers(answer.headers ?? {})
    .type(answer.contentType)
    .send(answer.body);
}

function knobAnswer(ctx: SimulatorContext): Answer | undefined {
  const knobs = ctx.state.knobs;
  if (knobs.failNext > 0) {
    knobs.failNext -= 1;
    return {
      status: 500,
      body: '{"status":"error","message":"Internal Server Error"}',
      contentType: jsonType,
    };
  }
  if (knobs.rateLimitNext > 0) {
    knobs.rateLimitNext -= 1;
    return {
      status: 429,
      body: '{"status":"error","message":"Too Many Requests"}',
      contentType: jsonType,
      headers: { "retry-after": knobs.retryAfter },
    };
  }
  return undefined;
}

/** Query and form fields, keys as sent (GatewayAPI keys are matched case-insensitively by its handler). */
function requestFields(request: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const source of [request.query, request.body]) {
    if (!source || typeof source !== "object") continue;
    for (const [key, value] of Object.entries(source)) {
      const first = Array.isArray(value) ? value[0] : value;
      if (first !== undefined && first !== null) out[key] = String(first);
    }
  }
  return out;
}

export function recordRequest(
  ctx: SimulatorContext,
  request: FastifyRequest,
  kind: RequestKind,
  fields: Record<string, string>,
): RecordedRequest {
  const lower = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.toLowerCase(), v]));
  const record: RecordedRequest = {
    seq: ctx.state.nextSeq(),
    at: new Date(ctx.now()).toISOString(),
    method: request.method,
    path: request.url.split("?")[0] ?? "",
    kind,
    fields,
    destination: lower.destination ?? lower.send_to,
    msgid: msgidOf(fields.message),
    outcome: 0,
  };
  ctx.state.requests.push(record);
  return record;
}

function msgidOf(message: string | undefined): string | undefined {
  if (!message) return undefined;
  try {
    const parsed: unknown = JSON.parse(message);
    const msgid = parsed && typeof parsed === "object" && "msgid" in parsed ? parsed.msgid : undefined;
    return typeof msgid === "string" ? msgid : undefined;
  } catch {
    return undefined;
  }
}
