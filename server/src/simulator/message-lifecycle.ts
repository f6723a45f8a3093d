import { type StatusStep, v2StatusEvent } from "./callback-payloads";
import { v3StatusEvent } from "./callback-payloads-v3";
import type { CallbackJob } from "./callback-sender";
import type { SimulatorContext } from "./simulator-context";
import type { AcceptedMessage } from "./simulator-state";
import { smsDlrBatchItem, smsDlrFields } from "./sms-payloads";

// What happens to a message after "submitted": Gupshup's rules decide its fate, then its status
// callbacks are delivered one after another with the configured delays.

export type Fate = { kind: "deliver" } | { kind: "failed"; code: number; reason: string; sync: boolean };

const UNDELIVERABLE_REASON =
  "Message undeliverable: the recipient's phone could not receive this message (Meta 131026).";

const WINDOW_REASON =
  "Message failed to send because more than 24 hours have passed since the customer last replied to this number.";

/** Gupshup's checks for one accepted WhatsApp message (sandbox, opt-out, number, template, 24 h window). */
export function whatsappFate(
  ctx: SimulatorContext,
  destination: string,
  template?: { id: string; params: unknown[] },
): Fate {
  const { state, options } = ctx;
  if (options.sandbox && !state.optedIn.has(destination)) {
    return { kind: "failed", code: 1008, reason: "User is not opted in and is inactive", sync: true };
  }
  // A number that wrote to us on WhatsApp is on WhatsApp, whatever its digits.
  const scriptedNotOnWhatsapp = destination.endsWith("0002") && !state.lastInboundAt.has(destination);
  if (scriptedNotOnWhatsapp || takeKnob(ctx, "notOnWhatsappNext")) {
    return { kind: "failed", code: 1002, reason: "Number Does Not Exist On WhatsApp", sync: true };
  }
  if (template) {
    if (state.optedOut.has(destination))
      return { kind: "failed", code: 1012, reason: "Number opted out", sync: true };
    const known = state.templates.find((t) => t.id === template.id && t.status === "APPROVED");
    const expected = known ? countParams(known.data) : 0;
    if (!known || expected !== template.params.length) {
      const detail = known ? ` (expected ${expected} params, got ${template.params.length})` : "";
      return { kind: "failed", code: 4003, reason: `No Template Match${detail}`, sync: true };
    }
    return deliverUnlessKnobFails(ctx);
  }
  const last = state.lastInboundAt.get(destination);
  if (
    state.knobs.enforceSessionWindow &&
    (last === undefined || ctx.now() - last > options.sessionWindowMs)
  ) {
    return { kind: "failed", code: 131047, reason: WINDOW_REASON, sync: false };
  }
  return deliverUnlessKnobFails(ctx);
}

function deliverUnlessKnobFails(ctx: SimulatorContext): Fate {
  if (takeKnob(ctx, "undeliverableNext"))
    return { kind: "failed", code: 131026, reason: UNDELIVERABLE_REASON, sync: false };
  if (takeKnob(ctx, "transientFailureNext"))
    return { kind: "failed", code: 131000, reason: "Something went wrong", sync: false };
  return { kind: "deliver" };
}

/** Uses up one of a "next N messages" knob; false when none is left. */
type NextKnob = "undeliverableNext" | "notOnWhatsappNext" | "transientFailureNext";

function takeKnob(ctx: SimulatorContext, knob: NextKnob): boolean {
  const knobs = ctx.state.knobs;
  if (knobs[knob] <= 0) return false;
  knobs[knob] -= 1;
  return true;
}

export function countParams(body: string): number {
  let max = 0;
  for (const match of body.matchAll(/\{\{\s*(\d+)\s*\}\}/g)) max = Math.max(max, Number(match[1]));
  return max;
}

function stepsFor(fate: Fate, readReceipts: boolean): StatusStep[] {
  if (fate.kind === "failed") {
    const failed: StatusStep = { type: "failed", code: fate.code, reason: fate.reason, sync: fate.sync };
    return fate.sync ? [failed] : [{ type: "enqueued" }, failed];
  }
  const steps: StatusStep[] = [{ type: "enqueued" }, { type: "sent" }, { type: "delivered" }];
  return readReceipts ? [...steps, { type: "read" }] : steps;
}

/** Plays the message's status callbacks: enqueued → sent → delivered → read, or its failure. */
export function playWhatsappLifecycle(ctx: SimulatorContext, msg: AcceptedMessage, fate: Fate): void {
  const knobs = ctx.state.knobs;
  const steps = stepsFor(fate, knobs.readReceipts);
  // Timestamps follow the true order even when delivery is shuffled, as Gupshup's do.
  let at = ctx.now();
  const planned = steps.map((step, i) => {
    at += delayBefore(ctx, step) + (i > 0 ? 1 : 0);
    return { step, at };
  });
  const order = knobs.shuffleCallbacks ? shuffled(planned) : planned;
  const format = knobs.callbackFormat;
  ctx.callbacks.schedule(async () => {
    for (const { step, at: eventAt } of order) {
      await ctx.callbacks.sleep(delayBefore(ctx, step));
      const body =
        format === "v3"
          ? v3StatusEvent(ctx.options, msg, step, eventAt)
          : v2StatusEvent(ctx.options, msg, step, eventAt);
      const job: CallbackJob = {
        kind: "message-event",
        event: step.type,
        messageId: msg.messageId,
        url: ctx.targets.whatsapp,
        method: "POST",
        body: JSON.stringify(body),
        contentType: "application/json",
      };
      await deliverMaybeTwice(ctx, job);
    }
  });
}

/** One delivery report after the `delivered` delay; numbers ending 0003 fail as unknown subscribers. */
export function playSmsLifecycle(ctx: SimulatorContext, msg: AcceptedMessage, sender: string): void {
  ctx.callbacks.schedule(async () => {
    await ctx.callbacks.sleep(ctx.state.knobs.delaysMs.delivered);
    const fields = smsDlrFields(msg, !msg.destination.endsWith("0003"), sender, ctx.now());
    const post = ctx.state.knobs.smsDlrMethod === "POST";
    const job: CallbackJob = post
      ? {
          kind: "sms-dlr",
          event: fields.status ?? "",
          messageId: msg.messageId,
          url: ctx.targets.sms,
          method: "POST",
          body: new URLSearchParams({ response: JSON.stringify([smsDlrBatchItem(fields)]) }).toString(),
          contentType: "application/x-www-form-urlencoded",
        }
      : {
          kind: "sms-dlr",
          event: fields.status ?? "",
          messageId: msg.messageId,
          url: ctx.targets.sms,
          method: "GET",
          query: fields,
        };
    await deliverMaybeTwice(ctx, job);
  });
}

async function deliverMaybeTwice(ctx: SimulatorContext, job: CallbackJob): Promise<void> {
  await ctx.callbacks.deliver(job);
  if (ctx.state.knobs.duplicateCallbacks) await ctx.callbacks.deliver(job);
}

function delayBefore(ctx: SimulatorContext, step: StatusStep): number {
  const delays = ctx.state.knobs.delaysMs;
  if (step.type === "failed") return step.sync ? delays.enqueued : delays.sent;
  return delays[step.type];
}

function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
