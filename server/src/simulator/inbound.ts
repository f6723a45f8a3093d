import { randomBytes, randomInt } from "node:crypto";
import { type InboundSpec, v2InboundMessage, v2PreferenceEvent, v2UserEvent } from "./callback-payloads";
import { v3InboundMessage } from "./callback-payloads-v3";
import type { CallbackJob } from "./callback-sender";
import { interactiveChoices } from "./interactive";
import type { SimulatorContext } from "./simulator-context";

// A "guest" writing to the app: the simulator POSTs the webhook Gupshup would, once, and reports the
// app's answer so the caller knows whether the app took it.

export type InboundMedia = {
  type: "image" | "document" | "audio" | "video" | "sticker";
  url: string;
  caption?: string;
  filename?: string;
};

export type InboundInput = {
  from: string;
  name?: string;
  channel?: "WHATSAPP" | "SMS";
  text?: string;
  media?: InboundMedia;
  /** Gupshup id of the business message this one replies to. */
  replyTo?: string;
  /** A tap on a template's quick-reply button. */
  button?: { title: string; payload: string };
  /** A tap on a row of a list (or a button of a quick reply) the app sent: its Gupshup id and the row's title. */
  choice?: { messageId: string; title: string };
};

export type InboundResult = {
  delivered: boolean;
  appStatus: number | null;
  messageId?: string;
  error?: string;
};

const CONTENT_TYPES: Record<InboundMedia["type"], string> = {
  image: "image/jpeg",
  document: "application/pdf",
  audio: "audio/ogg; codecs=opus",
  video: "video/mp4",
  sticker: "image/webp",
};

export async function injectInbound(ctx: SimulatorContext, input: InboundInput): Promise<InboundResult> {
  if (input.channel === "SMS") return injectSms(ctx, input);
  const proxy = /^proxy\s+(\S+)\s*$/i.exec(input.text ?? "")?.[1];
  if (ctx.options.sandbox && proxy?.toLowerCase() === ctx.options.appName.toLowerCase()) {
    const started = await userEvent(ctx, input.from, "sandbox-start");
    return started.delivered ? userEvent(ctx, input.from, "opted-in") : started;
  }
  const chosen = input.choice ? findChoice(ctx, input.choice) : undefined;
  if (typeof chosen === "string") return { delivered: false, appStatus: null, error: chosen };
  ctx.state.lastInboundAt.set(input.from, ctx.now());
  const spec = chosen
    ? { ...chosen, from: input.from, name: input.name ?? "Guest" }
    : inboundSpec(ctx, input);
  const body =
    ctx.state.knobs.callbackFormat === "v3"
      ? v3InboundMessage(ctx.options, spec, ctx.now())
      : v2InboundMessage(ctx.options, spec, ctx.now());
  const job: CallbackJob = {
    kind: "message",
    event: spec.type,
    messageId: spec.id,
    url: ctx.targets.whatsapp,
    method: "POST",
    body: JSON.stringify(body),
    contentType: "application/json",
  };
  return { ...(await deliverOnce(ctx, job)), messageId: spec.id };
}

function inboundSpec(ctx: SimulatorContext, input: InboundInput): InboundSpec {
  const replied = input.replyTo ? ctx.state.messages.find((m) => m.messageId === input.replyTo) : undefined;
  const base = {
    id: `wamid.${randomBytes(24).toString("base64url")}`,
    from: input.from,
    name: input.name ?? "Guest",
    ...(input.replyTo ? { replyTo: { gsId: input.replyTo, whatsappId: replied?.whatsappMessageId } } : {}),
  };
  if (input.button)
    return {
      ...base,
      type: "quick_reply",
      inner: { text: input.button.title, type: "button", postbackText: input.button.payload },
    };
  const media = input.media;
  if (!media) return { ...base, type: "text", inner: { text: input.text ?? "" } };
  return {
    ...base,
    type: media.type === "document" ? "file" : media.type,
    inner: {
      url: media.url,
      contentType: CONTENT_TYPES[media.type],
      urlExpiry: ctx.now() + 7 * 24 * 3600 * 1000,
      ...(media.caption ? { caption: media.caption } : {}),
      ...(media.filename ? { name: media.filename } : {}),
    },
  };
}

/** The v2 `list_reply` / `button_reply` for a tap on one of the app's rows or buttons, or why not. */
function findChoice(
  ctx: SimulatorContext,
  input: { messageId: string; title: string },
): Omit<InboundSpec, "from" | "name"> | string {
  const message = ctx.state.messages.find((m) => m.messageId === input.messageId);
  const options = interactiveChoices(message);
  if (!message || options.length === 0) return `no list or quick reply with id ${input.messageId}`;
  const option = options.find((o) => o.title === input.title || o.postbackText === input.title);
  if (!option) return `the message has no option titled ${input.title}`;
  const msgid = typeof message.content?.msgid === "string" ? message.content.msgid : undefined;
  return {
    id: `wamid.${randomBytes(24).toString("base64url")}`,
    type: message.content?.type === "list" ? "list_reply" : "button_reply",
    inner: {
      title: option.title,
      ...(msgid ? { id: msgid } : {}),
      reply: `${option.title} ${option.index + 1}`,
      postbackText: option.postbackText,
      ...(option.description ? { description: option.description } : {}),
    },
    replyTo: { gsId: message.messageId, whatsappId: message.whatsappMessageId },
  };
}

async function injectSms(ctx: SimulatorContext, input: InboundInput): Promise<InboundResult> {
  if (input.media) return { delivered: false, appStatus: null, error: "SMS carries text only" };
  const messageId = String(randomInt(1_000_000_000, 9_999_999_999));
  const job: CallbackJob = {
    kind: "sms-inbound",
    event: "text",
    messageId,
    url: ctx.targets.sms,
    method: "POST",
    body: new URLSearchParams({
      from: input.from,
      text: input.text ?? "",
      to: ctx.options.smsShortcode,
      messageId,
      timestamp: String(ctx.now()),
    }).toString(),
    contentType: "application/x-www-form-urlencoded",
  };
  return { ...(await deliverOnce(ctx, job)), messageId };
}

/** Records an opt-in/opt-out/sandbox-start and tells the app with a v2 `user-event`. */
export async function userEvent(ctx: SimulatorContext, phone: string, type: string): Promise<InboundResult> {
  const { state, options } = ctx;
  if (type === "opted-in" || type === "sandbox-start") {
    if (options.sandbox && !state.optedIn.has(phone) && state.optedIn.size >= options.maxSandboxUsers) {
      return {
        delivered: false,
        appStatus: null,
        error: `the sandbox is full (${options.maxSandboxUsers} test users)`,
      };
    }
    state.optedIn.add(phone);
    state.optedOut.delete(phone);
    // Writing "proxy <app>" is a message from the user: it opens the 24-hour window too.
    if (type === "sandbox-start") state.lastInboundAt.set(phone, ctx.now());
  } else if (type === "opted-out") {
    state.optedOut.add(phone);
    state.optedIn.delete(phone);
  }
  // Meta's marketing preference reaches the app as its own callback (v2 `preference-event`).
  const marketing = /^marketing-(stop|resume)$/.exec(type)?.[1];
  const body = JSON.stringify(
    marketing
      ? v2PreferenceEvent(options, phone, marketing, ctx.now())
      : v2UserEvent(options, phone, type, ctx.now()),
  );
  const job: CallbackJob = {
    kind: "user-event",
    event: type,
    url: ctx.targets.whatsapp,
    method: "POST",
    body,
    contentType: "application/json",
  };
  return deliverOnce(ctx, job);
}

async function deliverOnce(ctx: SimulatorContext, job: CallbackJob): Promise<InboundResult> {
  const result = await ctx.callbacks.deliver(job, 0);
  const delivered = result.status !== null && result.status >= 200 && result.status < 300;
  return { delivered, appStatus: result.status, ...(result.error ? { error: result.error } : {}) };
}
