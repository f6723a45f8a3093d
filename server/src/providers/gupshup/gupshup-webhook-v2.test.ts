import type { InboundEvent } from "@server/providers/inbound-event";
import { fixtureNames, fixtureRequest } from "@test/gupshup-fixtures";
import { describe, expect, it } from "vitest";
import { parseGupshupWebhook } from "./gupshup-webhook";

const at = (ms: number) => new Date(ms);
const T = at(1718003620228);
const asha = { channel: "WHATSAPP", from: "919812345678", senderName: "Asha", timestamp: T } as const;
const mediaUrl = (id: string) => `https://filemanager.gupshup.io/wa/app-uuid/wa/media/${id}?download=false`;
const wamid = "wamid.HBgMOTE5ODEyMzQ1Njc4FQIAERgSQTY";
const gsId = "7daeb742-f2dc-4c09-90e0-d879d20f7b98";

const message = (content: object, extra: object = {}) => ({
  kind: "message",
  ...asha,
  providerMessageId: "ABEGkZUTIXZ0Ago69N5XB9zTUbl-",
  content,
  ...extra,
});

const EXPECTED: Record<string, unknown[]> = {
  "v2-message-text.json": [message({ type: "text", text: "Hi, is early check-in possible?" })],
  "v2-message-text-in-reply.json": [
    message(
      { type: "text", text: "Yes please" },
      {
        providerMessageId: "wamid.HBgMOTE5ODEyMzQ1Njc4FQIAEhggQjA",
        replyTo: {
          providerMessageId: "9b71295f-f7af-4c1f-b2b4-31b4a4867bad",
          whatsappMessageId: "gBEGkYaYVSEEAgnPFrOLcjkFjL8",
        },
      },
    ),
  ],
  "v2-message-image.json": [
    message({
      type: "media",
      mediaType: "image",
      url: mediaUrl("m-uuid"),
      caption: "receipt",
      contentType: "image/jpeg",
      urlExpiresAt: at(1718608420228),
    }),
  ],
  "v2-message-file.json": [
    message({
      type: "media",
      mediaType: "document",
      url: mediaUrl("f-uuid"),
      caption: "my passport",
      filename: "passport.pdf",
      contentType: "application/pdf",
      urlExpiresAt: at(1718608420228),
    }),
  ],
  "v2-message-audio.json": [
    message({
      type: "media",
      mediaType: "audio",
      url: mediaUrl("a-uuid"),
      contentType: "audio/ogg; codecs=opus",
      urlExpiresAt: at(1718608420228),
    }),
  ],
  "v2-message-video.json": [
    message({
      type: "media",
      mediaType: "video",
      url: mediaUrl("v-uuid"),
      caption: "the leak",
      contentType: "video/mp4",
      urlExpiresAt: at(1718608420228),
    }),
  ],
  "v2-message-sticker.json": [
    message({
      type: "media",
      mediaType: "sticker",
      url: mediaUrl("s-uuid"),
      contentType: "image/webp",
      urlExpiresAt: at(1718608420228),
    }),
  ],
  "v2-message-location.json": [message({ type: "location", latitude: 19.1453658, longitude: 72.8552172 })],
  "v2-message-contact.json": [
    message({ type: "contacts", contacts: [{ name: "Ravi Kumar", phones: ["+91 98111 22233"] }] }),
  ],
  "v2-message-button-reply.json": [
    message(
      {
        type: "reply",
        replyType: "button_reply",
        title: "Late checkout",
        payload: "late-checkout",
        id: "qr1",
      },
      {
        replyTo: {
          providerMessageId: "6f1e9d5c-1111-4a2b-9c3d-7e8f9a0b1c2d",
          whatsappMessageId: "gBEGkYaYVSEEAgnPFrOLcjkFjL8",
        },
      },
    ),
  ],
  "v2-message-list-reply.json": [
    message({
      type: "reply",
      replyType: "list_reply",
      title: "Airport pickup",
      payload: "svc-pickup",
      id: "list1",
      description: "Car from the airport",
    }),
  ],
  "v2-message-quick-reply.json": [
    message(
      { type: "reply", replyType: "template_button", title: "Confirm", payload: "confirm-booking-42" },
      {
        replyTo: {
          providerMessageId: "ee4a68a0-1203-4c85-8dc3-49d0b3226a35",
          whatsappMessageId: "gBEGkYaYVSEEAgnPFrOLcjkFjL8",
        },
      },
    ),
  ],
  "v2-message-quick-reply-interactive.json": [
    message({
      type: "reply",
      replyType: "quick_reply",
      title: "Yes, keep it",
      payload: "keep-room",
      id: "qr-keep",
    }),
  ],
  "v2-message-nfm-reply.json": [
    message({
      type: "reply",
      replyType: "nfm_reply",
      title: "Sent",
      id: "flow",
      response: { flow_token: "checkin-42", arrival_time: "14:00", guests: 2 },
      raw: {
        name: "flow",
        body: "Sent",
        response_json: '{"flow_token":"checkin-42","arrival_time":"14:00","guests":2}',
      },
    }),
  ],
  "v2-message-text-foreign.json": [
    {
      kind: "message",
      channel: "WHATSAPP",
      providerMessageId: "ABEGkZUTIXZ0Ago69N5XB9zCOL01",
      from: "57123456789",
      senderName: "Camila",
      timestamp: T,
      content: { type: "text", text: "Hola, ¿hay parqueadero?" },
    },
  ],
  "v2-preference-marketing-stop.json": [
    {
      kind: "preference",
      channel: "WHATSAPP",
      phone: "919812345678",
      category: "marketing_messages",
      value: "stop",
      detail: "User requested to stop marketing messages",
      timestamp: at(1718003600000),
    },
  ],
  "v2-preference-marketing-resume-list.json": [
    {
      kind: "preference",
      channel: "WHATSAPP",
      phone: "919812345678",
      category: "marketing_messages",
      value: "resume",
      detail: "User requested to resume marketing messages",
      timestamp: at(1718090000000),
    },
  ],
  "v2-message-reaction.json": [
    message({ type: "reaction", emoji: "👍", messageId: "gBEGkYaYVSEEAgnPFrOLcjkFjL8" }),
  ],
  "v2-message-unknown-type.json": [
    message({
      type: "unsupported",
      providerType: "whatsapp_form",
      raw: { formId: "f-1", answers: { q1: "yes" } },
    }),
  ],
  "v2-event-enqueued.json": [
    status("enqueued", "PENDING", {
      providerMessageId: "59f8db90-c37e-4408-90ab-cc54ef8246ad",
      whatsappMessageId: "gBEGkYaYVSEEAgkD7bRi9syGnBk",
      timestamp: at(1710930460500),
    }),
  ],
  "v2-event-sent.json": [status("sent", "SENT", { timestamp: at(1710930461000) })],
  "v2-event-delivered.json": [status("delivered", "DELIVERED", { timestamp: at(1710930462000) })],
  "v2-event-read.json": [status("read", "READ", { timestamp: at(1720779817000) })],
  "v2-event-read-without-gsid.json": [
    status("read", "READ", { providerMessageId: undefined, timestamp: at(1711535261000) }),
  ],
  "v2-event-failed-sync.json": [
    status("failed", "FAILED", {
      providerMessageId: "ee4a68a0-1203-4c85-8dc3-49d0b3226a35",
      whatsappMessageId: undefined,
      recipient: "919812340002",
      timestamp: at(1710930461000),
      error: { code: "1002", reason: "Number Does Not Exist On WhatsApp" },
    }),
  ],
  "v2-event-failed-async.json": [
    status("failed", "FAILED", {
      providerMessageId: "72f61f22-5aa4-4615-a970-943edf6da01c",
      whatsappMessageId: undefined,
      timestamp: at(1710930461000),
      error: {
        code: "131047",
        reason:
          "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
      },
    }),
  ],
  "v2-event-deleted.json": [status("deleted", null, { timestamp: at(1710931000000) })],
  "v2-event-mismatch.json": [status("mismatch", null, { timestamp: at(1710930461000) })],
  "v2-user-sandbox-start-callback-set.json": [user("callbackSetPhone", "sandbox-start", 1580142086287)],
  "v2-user-sandbox-start.json": [user("919812345678", "sandbox-start", 1580227393386)],
  "v2-user-opted-in.json": [user("919812345678", "opted-in", 1584541505908)],
  "v2-user-opted-out.json": [user("919812345678", "opted-out", 1584541505909)],
  "v2-billing-conversation.json": [
    {
      kind: "billing",
      providerMessageId: "ee4a68a0-1203-4c85-8dc3-49d0b3226a35",
      category: "service",
      billable: false,
      timestamp: at(1580546677791),
    },
  ],
  "v2-billing-per-message.json": [
    {
      kind: "billing",
      providerMessageId: "ee4a68a0-1203-4c85-8dc3-49d0b3226a35",
      category: "utility",
      billable: true,
      timestamp: at(1751350000000),
    },
  ],
  "v2-template-status-update.json": [
    {
      kind: "template",
      templateId: "c6aecef6-bcb0-4fb1-8100-28c094e3bc6b",
      eventType: "status-update",
      status: "rejected",
      elementName: "booking_confirmation",
      language: "en_US",
      reason: "INVALID_FORMAT",
      timestamp: T,
    },
  ],
  "v2-account-event.json": [{ kind: "unsupported", reason: 'callback type "account-event" is not handled' }],
  "unknown-callback-type.json": [
    { kind: "unsupported", reason: 'callback type "onboarding-event" is not handled' },
  ],
  "spec-test-message.json": [
    {
      kind: "message",
      channel: "WHATSAPP",
      providerMessageId: "test-msg-1",
      from: "919876543210",
      timestamp: new Date("2025-11-12T10:00:00.000Z"),
      content: { type: "text", text: "Hello from the test payload" },
    },
  ],
  "spec-test-message-sms.json": [
    {
      kind: "message",
      channel: "SMS",
      from: "919876543210",
      content: { type: "text", text: "SMS via test payload" },
    },
  ],
};

function status(word: string, mapped: string | null, extra: object): object {
  return {
    kind: "status",
    channel: "WHATSAPP",
    providerMessageId: gsId,
    whatsappMessageId: wamid,
    status: mapped,
    providerStatus: word,
    recipient: "919812345678",
    ...extra,
  };
}

function user(phone: string, type: string, ms: number): object {
  return { kind: "user", channel: "WHATSAPP", phone, type, timestamp: at(ms) };
}

/** toEqual treats undefined properties as absent, which is what the parser's optional fields mean. */
const parse = (name: string): InboundEvent[] => parseGupshupWebhook(fixtureRequest(name));

describe(`${parseGupshupWebhook.name} — v2 and the flat test payload`, () => {
  it.each(Object.keys(EXPECTED))("parses %s", (name) => {
    expect(parse(name)).toEqual(EXPECTED[name]);
  });

  it("has an expectation for every v2, spec and unknown fixture", () => {
    const mine = fixtureNames().filter((n) => /^(v2-|spec-|unknown-)/.test(n));
    expect(mine.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it("reads the business number a guest wrote to from a newer envelope's top-level phone", () => {
    const body = JSON.parse(fixtureRequest("v2-message-text.json").rawBody) as Record<string, unknown>;
    const [event] = parseGupshupWebhook({ rawBody: JSON.stringify({ ...body, phone: "919100000000" }) });
    expect(event).toMatchObject({ kind: "message", from: "919812345678", to: "919100000000" });
  });
});
