import type { Ctx } from "@server/context";
import { consentKeyword } from "@server/domain/contacts/consent-keyword";
import { recordConsentChange } from "@server/domain/contacts/record-consent-change";
import { recordMarketingPreference } from "@server/domain/contacts/record-marketing-preference";
import { applyStatusUpdate, type StatusUpdate } from "@server/domain/messages/apply-status-update";
import { recordInboundMessage } from "@server/domain/messages/record-inbound-message";
import type { InboundEvent, StatusEvent } from "@server/providers/inbound-event";

/** One normalized event of a stored callback, with its own deterministic key. */
export type KeyedEvent = { event: InboundEvent; key: string };

/** What one event did: `ignored` ones change nothing (billing, template, sandbox-start, unknown). */
export type EventOutcome = { kind: InboundEvent["kind"]; result: string; ignored: boolean };

const USER_CONSENT: Record<string, boolean> = { "opted-out": true, "opted-in": false };

/** Applies one event of a callback inside the caller's transaction. */
export async function applyInboundEvent(
  ctx: Ctx,
  input: KeyedEvent & { webhookEventId: number; receivedAt: Date },
): Promise<EventOutcome> {
  const { event } = input;
  const outcome = (result: string, ignored = false): EventOutcome => ({ kind: event.kind, result, ignored });
  switch (event.kind) {
    case "message": {
      const recorded = await recordInboundMessage(ctx, { event, webhookEventId: input.webhookEventId });
      const keyword =
        event.channel === "SMS" && event.content.type === "text" && consentKeyword(event.content.text);
      if (recorded.outcome === "recorded" && keyword) {
        await recordConsentChange(ctx, {
          phone: recorded.message.phone,
          channel: "SMS",
          optedOut: keyword === "opt-out",
          at: event.timestamp ?? input.receivedAt,
          source: "sms-keyword",
        });
      }
      return outcome(recorded.outcome);
    }
    case "status":
      if (!event.providerMessageId && !event.whatsappMessageId)
        return outcome("status without a message id", true);
      return outcome(await applyStatus(ctx, event, input));
    case "user": {
      const type = event.type.toLowerCase();
      // Own keys only: a hostile type such as "constructor" must not read Object.prototype.
      const optedOut = Object.hasOwn(USER_CONSENT, type) ? USER_CONSENT[type] : undefined;
      if (optedOut === undefined) return outcome(`user event ${event.type}`, true);
      const changed = await recordConsentChange(ctx, {
        phone: event.phone,
        channel: event.channel,
        optedOut,
        at: event.timestamp ?? input.receivedAt,
        source: "user-event",
      });
      return outcome(changed ? event.type : "consent unchanged");
    }
    case "preference": {
      const optedOut = event.value === "stop" ? true : event.value === "resume" ? false : undefined;
      if (event.category !== "marketing_messages" || optedOut === undefined)
        return outcome(`preference ${event.category}=${event.value}`, true);
      const changed = await recordMarketingPreference(ctx, {
        guest: { phone: event.phone },
        optedOut,
        at: event.timestamp ?? input.receivedAt,
        source: "user-preferences",
      });
      return outcome(changed ? `marketing ${event.value}` : "marketing preference unchanged");
    }
    case "billing":
    case "template":
      return outcome(`${event.kind} event not used`, true);
    case "unsupported":
      return outcome(event.reason, true);
  }
}

async function applyStatus(
  ctx: Ctx,
  event: StatusEvent,
  input: KeyedEvent & { webhookEventId: number },
): Promise<string> {
  return applyStatusUpdate(ctx, statusUpdateOf(event, input.key, input.webhookEventId));
}

/** A status event as the status update it asks for. */
export function statusUpdateOf(event: StatusEvent, eventKey: string, webhookEventId: number): StatusUpdate {
  return {
    providerMessageId: event.providerMessageId,
    whatsappMessageId: event.whatsappMessageId,
    recipientPhone: event.recipient?.replace(/\D/g, "") || undefined,
    providerStatus: event.providerStatus,
    occurredAt: event.timestamp,
    errorCode: event.error?.code || undefined,
    errorReason: event.error?.reason || undefined,
    eventKey,
    webhookEventId,
    raw: event,
  };
}
