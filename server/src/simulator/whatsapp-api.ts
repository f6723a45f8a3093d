import { randomBytes, randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { invalidInteractive } from "./interactive";
import { playWhatsappLifecycle, whatsappFate } from "./message-lifecycle";
import { type Answer, handleSend, recordRequest } from "./send-flow";
import type { SimulatorContext } from "./simulator-context";

// Gupshup's WhatsApp self-serve API: /wa/api/v1/msg (+ legacy /sm/api/v1/msg), /wa/api/v1/template/msg,
// and the template list. Success is 200 "submitted" declared as text/html, as the real one does.

const html = "text/html; charset=UTF-8";
const json = "application/json";
const error = (status: number, message: string): Answer => ({
  status,
  body: JSON.stringify({ status: "error", message }),
  contentType: json,
});

export function registerWhatsappApi(app: FastifyInstance, ctx: SimulatorContext): void {
  for (const path of ["/wa/api/v1/msg", "/sm/api/v1/msg"]) {
    app.post(path, (request, reply) =>
      handleSend(ctx, request, reply, "whatsapp", (fields) => sessionSend(ctx, request, fields)),
    );
  }
  for (const path of ["/wa/api/v1/template/msg", "/sm/api/v1/template/msg"]) {
    app.post(path, (request, reply) =>
      handleSend(ctx, request, reply, "template", (fields) => templateSend(ctx, request, fields)),
    );
  }
  app.get<{ Params: { appName: string } }>("/sm/api/v1/template/list/:appName", async (request, reply) => {
    const record = recordRequest(ctx, request, "template-list", {});
    const answer = templateList(ctx, request, request.params.appName);
    record.outcome = answer.status;
    return reply.code(answer.status).type(answer.contentType).send(answer.body);
  });
}

/** Authentication, then the app (`source` + `src.name`), then the destination, as Gupshup checks them. */
function checkRequest(
  ctx: SimulatorContext,
  request: FastifyRequest,
  fields: Record<string, string>,
  needsName: boolean,
) {
  if (request.headers.apikey !== ctx.options.apiKey) return error(401, "Authentication Failed");
  const name = fields["src.name"];
  if (
    fields.source !== ctx.options.source ||
    (name === undefined ? needsName : name !== ctx.options.appName)
  ) {
    return error(400, "Invalid App Details");
  }
  if (!/^\d{8,15}$/.test(fields.destination ?? "")) return error(400, "Invalid Destination");
  return undefined;
}

function sessionSend(ctx: SimulatorContext, request: FastifyRequest, fields: Record<string, string>): Answer {
  const refused = checkRequest(ctx, request, fields, true);
  if (refused) return refused;
  const message = parseObject(fields.message);
  if (!message || typeof message.type !== "string") return error(400, "Invalid Message");
  const invalid = invalidInteractive(message);
  if (invalid) return error(400, invalid);
  return accept(ctx, fields.destination ?? "", "session", undefined, message);
}

function templateSend(
  ctx: SimulatorContext,
  request: FastifyRequest,
  fields: Record<string, string>,
): Answer {
  const refused = checkRequest(ctx, request, fields, false);
  if (refused) return refused;
  const template = parseObject(fields.template);
  if (!template || typeof template.id !== "string" || !Array.isArray(template.params)) {
    return error(400, "Invalid Template");
  }
  const header = fields.message === undefined ? undefined : parseObject(fields.message);
  const invalid = invalidTemplateHeader(ctx, template.id, header);
  if (invalid) return error(400, invalid);
  return accept(
    ctx,
    fields.destination ?? "",
    "template",
    { id: template.id, params: template.params },
    header,
  );
}

/** A template whose header is media needs `message` with a link of that type, as WhatsApp does. */
function invalidTemplateHeader(
  ctx: SimulatorContext,
  templateId: string,
  header: Record<string, unknown> | undefined,
): string | undefined {
  const known = ctx.state.templates.find((t) => t.id === templateId);
  const kind = known?.templateType.toLowerCase();
  if (kind !== "image" && kind !== "video" && kind !== "document") return undefined;
  if (!header)
    return `Template ${known?.elementName} has a ${kind} header: message with the ${kind} link is required`;
  const media = header[kind] as { link?: unknown } | undefined;
  if (header.type !== kind || typeof media?.link !== "string" || !/^https?:\/\//.test(media.link))
    return `Invalid template header: expected {"type":"${kind}","${kind}":{"link":"https://…"}}`;
  return undefined;
}

function accept(
  ctx: SimulatorContext,
  destination: string,
  kind: "session" | "template",
  template?: { id: string; params: unknown[] },
  content?: Record<string, unknown>,
): Answer {
  const fate = whatsappFate(ctx, destination, template);
  const msg = {
    messageId: randomUUID(),
    whatsappMessageId: `wamid.${randomBytes(24).toString("base64url")}`,
    channel: "WHATSAPP" as const,
    destination,
    kind,
    fate: fate.kind === "deliver" ? "deliver" : `failed ${fate.code}`,
    acceptedAt: new Date(ctx.now()).toISOString(),
    ...(content ? { content } : {}),
  };
  ctx.state.messages.push(msg);
  playWhatsappLifecycle(ctx, msg, fate);
  return {
    status: 200,
    body: JSON.stringify({ status: "submitted", messageId: msg.messageId }),
    contentType: html,
    messageId: msg.messageId,
  };
}

function templateList(ctx: SimulatorContext, request: FastifyRequest, appName: string): Answer {
  if (request.headers.apikey !== ctx.options.apiKey) return error(401, "Authentication Failed");
  if (appName !== ctx.options.appName) return error(400, "Invalid App Details");
  const templates = ctx.state.templates.map((t) => ({
    ...t,
    appId: ctx.options.appId,
    createdOn: 1700000000000,
    modifiedOn: 1700000000000,
    languagePolicy: "deterministic",
    master: false,
    meta: JSON.stringify({ example: t.data }),
    namespace: "simulator",
    vertical: t.category,
  }));
  return { status: 200, body: JSON.stringify({ status: "success", templates }), contentType: json };
}

function parseObject(value: string | undefined): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(value ?? "");
    return parsed && typeof parsed === "object" && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
