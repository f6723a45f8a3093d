import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import { type InboundResult, injectInbound, userEvent } from "./inbound";
import type { SimulatorContext } from "./simulator-context";

// The simulator's own API under /simulator: test knobs, inbound injection, and what it recorded.

const digits = z.string().regex(/^\d{6,15}$/, "digits with country code, no +");
const count = z.number().int().min(0);
const delay = z.number().int().min(0).max(600_000);

const KnobsBody = z.strictObject({
  failNext: count.optional(),
  rateLimitNext: count.optional(),
  retryAfter: z.string().min(1).optional(),
  hangNext: count.optional(),
  dropNext: count.optional(),
  dropAccepts: z.boolean().optional(),
  undeliverableNext: count.optional(),
  notOnWhatsappNext: count.optional(),
  transientFailureNext: count.optional(),
  duplicateCallbacks: z.boolean().optional(),
  shuffleCallbacks: z.boolean().optional(),
  callbackFormat: z.enum(["v2", "v3"]).optional(),
  callbackHeaders: z.record(z.string(), z.string()).optional(),
  callbackToken: z.string().min(1).nullable().optional(),
  smsDlrMethod: z.enum(["GET", "POST"]).optional(),
  delaysMs: z
    .strictObject({ enqueued: delay, sent: delay, delivered: delay, read: delay })
    .partial()
    .optional(),
  readReceipts: z.boolean().optional(),
  enforceSessionWindow: z.boolean().optional(),
  callbackRetries: z.number().int().min(0).max(10).optional(),
  callbackRetryDelayMs: delay.optional(),
});

const InboundBody = z
  .strictObject({
    from: digits,
    name: z.string().max(200).optional(),
    channel: z.enum(["WHATSAPP", "SMS"]).default("WHATSAPP"),
    text: z.string().max(4096).optional(),
    media: z
      .strictObject({
        type: z.enum(["image", "document", "audio", "video", "sticker"]),
        url: z.url(),
        caption: z.string().optional(),
        filename: z.string().optional(),
      })
      .optional(),
    replyTo: z.string().optional(),
    /** A tap on a template's quick-reply button: the label the guest saw and the payload we attached. */
    button: z.strictObject({ title: z.string().min(1).max(200), payload: z.string().max(1000) }).optional(),
    /** A tap on a row of a list (or a reply button) the app sent: its Gupshup id and the row's title. */
    choice: z.strictObject({ messageId: z.string().min(1), title: z.string().min(1).max(200) }).optional(),
  })
  .refine(
    (b) => [b.text, b.media, b.button, b.choice].filter((c) => c !== undefined).length === 1,
    "give one of text, media, button or choice",
  );

const UserEventBody = z.strictObject({
  phone: digits,
  type: z.enum(["opted-in", "opted-out", "sandbox-start", "marketing-stop", "marketing-resume"]),
});

const TemplatesBody = z.strictObject({
  templates: z.array(
    z.strictObject({
      id: z.string().min(1),
      elementName: z.string().min(1),
      languageCode: z.string().default("en"),
      category: z.string().default("UTILITY"),
      data: z.string(),
      templateType: z.string().default("TEXT"),
      status: z.string().default("APPROVED"),
    }),
  ),
});

export function registerControlApi(app: FastifyInstance, ctx: SimulatorContext): void {
  const { state } = ctx;
  app.get("/simulator", async () => ({
    appName: ctx.options.appName,
    appId: ctx.options.appId,
    source: ctx.options.source,
    sandbox: ctx.options.sandbox,
    // Paths only: the callback URL may carry the app's webhook secret as ?token=.
    callbackUrl: ctx.targets.whatsapp?.split("?")[0] ?? null,
    smsCallbackUrl: ctx.targets.sms?.split("?")[0] ?? null,
    optedIn: [...state.optedIn],
  }));
  app.get("/simulator/knobs", async () => state.knobs);
  app.post("/simulator/knobs", async (request, reply) =>
    parsed(reply, KnobsBody.safeParse(request.body ?? {}), (body) => state.setKnobs(body)),
  );
  app.post("/simulator/reset", async () => {
    await ctx.callbacks.idle();
    state.reset();
    return { reset: true };
  });
  app.get("/simulator/requests", async () => ({ requests: state.requests, sendCounts: state.sendCounts() }));
  app.get("/simulator/callbacks", async () => ({ callbacks: state.callbacks }));
  app.get("/simulator/messages", async () => ({ messages: state.messages }));
  app.get("/simulator/templates", async () => ({ templates: state.templates }));
  app.put("/simulator/templates", async (request, reply) =>
    parsed(reply, TemplatesBody.safeParse(request.body), (body) => {
      state.templates = body.templates;
      return { templates: state.templates };
    }),
  );
  app.post("/simulator/inbound", async (request, reply) => {
    const body = InboundBody.safeParse(request.body);
    if (!body.success) return reply.code(400).send({ error: z.prettifyError(body.error) });
    const result = await injectInbound(ctx, body.data);
    return reply.code(statusOf(result)).send(result);
  });
  app.post("/simulator/user-event", async (request, reply) => {
    const body = UserEventBody.safeParse(request.body);
    if (!body.success) return reply.code(400).send({ error: z.prettifyError(body.error) });
    const result = await userEvent(ctx, body.data.phone, body.data.type);
    return reply.code(statusOf(result)).send(result);
  });
}

/** 200 once the app acknowledged with 2xx; 409 when the sandbox refused the user; 404 for an unknown choice; else 502. */
function statusOf(result: InboundResult): number {
  if (result.delivered) return 200;
  if (result.appStatus === null && /^no list|has no option/.test(result.error ?? "")) return 404;
  return result.error?.startsWith("the sandbox is full") ? 409 : 502;
}

function parsed<T, R>(
  reply: FastifyReply,
  result: z.ZodSafeParseResult<T>,
  use: (value: T) => R,
): R | FastifyReply {
  if (!result.success) return reply.code(400).send({ error: z.prettifyError(result.error) });
  return use(result.data);
}
