import { fixtureNames, fixtureRequest } from "@test/gupshup-fixtures";
import { describe, expect, it } from "vitest";
import { parseGupshupWebhook } from "./gupshup-webhook";

const at = (ms: number) => new Date(ms);
const wamid = "wamid.HBgMOTE5ODEyMzQ1Njc4FQIAERgSQTY";
const asha = {
  kind: "message",
  channel: "WHATSAPP",
  from: "919812345678",
  senderName: "Asha",
  to: "919100000000",
} as const;
const v3status = (extra: object) => ({
  kind: "status",
  channel: "WHATSAPP",
  recipient: "919812345678",
  ...extra,
});
const smsStatus = (extra: object) => ({ kind: "status", channel: "SMS", ...extra });
const windowReason =
  "Message failed to send because more than 24 hours have passed since the customer last replied to this number.";

const EXPECTED: Record<string, unknown[]> = {
  "v3-status-sent.json": [
    v3status({
      providerMessageId: "7daeb742-f2dc-4c09-90e0-d879d20f7b98",
      whatsappMessageId: wamid,
      status: "SENT",
      providerStatus: "sent",
      timestamp: at(1710930461000),
    }),
  ],
  "v3-status-enqueued.json": [
    v3status({
      providerMessageId: "59f8db90-c37e-4408-90ab-cc54ef8246ad",
      status: "PENDING",
      providerStatus: "enqueued",
      timestamp: at(1710941393420),
    }),
  ],
  "v3-status-failed-errors.json": [
    v3status({
      providerMessageId: "72f61f22-5aa4-4615-a970-943edf6da01c",
      whatsappMessageId: wamid,
      status: "FAILED",
      providerStatus: "failed",
      timestamp: at(1710930470000),
      error: { code: "131047", reason: windowReason },
    }),
  ],
  "v3-status-failed-error-data.json": [
    v3status({
      providerMessageId: "8c1d4a2e-6f3b-4d5a-9e7c-2b1a0f9e8d7c",
      whatsappMessageId: "wamid.HBgMOTE5ODEyMzQ1Njc4FQIAERgSQjc",
      status: "FAILED",
      providerStatus: "failed",
      timestamp: at(1710930480000),
      // Meta's title repeats in `message`; the details say what happened: both kept, once each.
      error: { code: "131047", reason: `Re-engagement message: ${windowReason}` },
    }),
  ],
  "v3-status-failed-flat.json": [
    v3status({
      providerMessageId: "ee4a68a0-1203-4c85-8dc3-49d0b3226a35",
      status: "FAILED",
      providerStatus: "failed",
      recipient: "919812340002",
      timestamp: at(1710930470000),
      error: { code: "1002", reason: "Number Does Not Exist On WhatsApp" },
    }),
  ],
  "v3-statuses-batch.json": [
    [
      "11111111-1111-4111-8111-111111111111",
      "wamid.AAA",
      "delivered",
      "DELIVERED",
      1710930462,
      "919812345678",
    ],
    ["22222222-2222-4222-8222-222222222222", "wamid.BBB", "read", "READ", 1710930463, "919812345679"],
    ["33333333-3333-4333-8333-333333333333", "wamid.CCC", "sent", "SENT", 1710930464, "919812345670"],
  ].map(([providerMessageId, whatsappMessageId, providerStatus, status, s, recipient]) =>
    v3status({
      providerMessageId,
      whatsappMessageId,
      status,
      providerStatus,
      recipient,
      timestamp: at(Number(s) * 1000),
    }),
  ),
  "v3-message-text.json": [
    {
      ...asha,
      providerMessageId: "wamid.HBgMOTE5ODEyMzQ1Njc4FQIAEhgUM0E",
      timestamp: at(1718007189000),
      content: { type: "text", text: "Is the pool open?" },
    },
  ],
  "v3-message-image.json": [
    {
      ...asha,
      providerMessageId: "wamid.HBgMOTE5ODEyMzQ1Njc4FQIAEhgUM0F",
      timestamp: at(1718007190000),
      content: {
        type: "media",
        mediaType: "image",
        url: "https://filemanager.gupshup.io/wa/app-uuid/wa/media/m2?download=false",
        mediaId: "1503220513898311",
        caption: "the room",
        contentType: "image/jpeg",
      },
    },
  ],
  "v3-message-button.json": [
    {
      ...asha,
      providerMessageId: "wamid.HBgMOTE5ODEyMzQ1Njc4FQIAEhgUM0G",
      timestamp: at(1718007189000),
      content: { type: "reply", replyType: "template_button", title: "Yes", payload: "yes-payload" },
      replyTo: {
        providerMessageId: "ee4a68a0-1203-4c85-8dc3-49d0b3226a35",
        whatsappMessageId: "wamid.HBgLOTE5MTAwMDAwMDAwFQIAERgS",
      },
    },
  ],
  "v3-message-interactive-list.json": [
    {
      ...asha,
      providerMessageId: "wamid.HBgMOTE5ODEyMzQ1Njc4FQIAEhgUM0H",
      timestamp: at(1718007191000),
      content: {
        type: "reply",
        replyType: "list_reply",
        title: "Spa",
        payload: "svc-spa",
        id: "svc-spa",
        description: "Book a massage",
      },
    },
  ],
  "v3-message-interactive-button.json": [
    {
      ...asha,
      providerMessageId: "wamid.HBgMOTE5ODEyMzQ1Njc4FQIAEhgUM0I",
      timestamp: at(1718007193000),
      content: {
        type: "reply",
        replyType: "button_reply",
        title: "Confirm booking",
        payload: "confirm-booking-42",
        id: "confirm-booking-42",
      },
      replyTo: {
        providerMessageId: "ee4a68a0-1203-4c85-8dc3-49d0b3226a35",
        whatsappMessageId: "wamid.HBgLOTE5MTAwMDAwMDAwFQIAERgS",
      },
    },
  ],
  "v3-message-nfm-reply.json": [
    {
      ...asha,
      providerMessageId: "wamid.HBgMOTE5ODEyMzQ1Njc4FQIAEhgUM0J",
      timestamp: at(1718007195000),
      content: {
        type: "reply",
        replyType: "nfm_reply",
        title: "Sent",
        id: "flow",
        response: { flow_token: "checkin-42", arrival_time: "14:00" },
        raw: {
          type: "nfm_reply",
          nfm_reply: {
            name: "flow",
            body: "Sent",
            response_json: '{"flow_token":"checkin-42","arrival_time":"14:00"}',
          },
        },
      },
    },
  ],
  "v3-message-interactive-unknown.json": [
    {
      ...asha,
      providerMessageId: "wamid.HBgMOTE5ODEyMzQ1Njc4FQIAEhgUM0K",
      timestamp: at(1718007197000),
      content: {
        type: "reply",
        replyType: "call_permission_reply",
        title: "",
        raw: {
          type: "call_permission_reply",
          call_permission_reply: { response: "accept", expiration_timestamp: 1718093597 },
        },
      },
    },
  ],
  "v3-message-text-in-reply.json": [
    {
      kind: "message",
      channel: "WHATSAPP",
      to: "919100000000",
      from: "14155550123",
      senderName: "Sam",
      providerMessageId: "wamid.HBgLMTQxNTU1NTAxMjMVAgASGBQz",
      timestamp: at(1718007199000),
      content: { type: "text", text: "Hi from San Francisco" },
      replyTo: { whatsappMessageId: "wamid.HBgLOTE5MTAwMDAwMDAwFQIAERgT" },
    },
  ],
  "v3-user-preferences.json": [
    {
      kind: "preference",
      channel: "WHATSAPP",
      phone: "79622237668",
      category: "marketing_messages",
      value: "stop",
      detail: "User requested to stop marketing messages",
      timestamp: at(1731705721000),
    },
  ],
  "v3-set-callback.json": [{ kind: "unsupported", reason: "v3 status without a status (set-callback)" }],
  "v3-billing.json": [
    {
      kind: "billing",
      providerMessageId: "7daeb742-f2dc-4c09-90e0-d879d20f7b98",
      category: "utility",
      billable: true,
    },
  ],
  "sms-dlr-get.query.txt": [
    smsStatus({
      providerMessageId: "3562707498794989059-328736121207676738",
      status: "DELIVERED",
      providerStatus: "success",
      recipient: "919892488888",
      timestamp: at(1526347800000),
    }),
  ],
  "sms-dlr-get-failed.query.txt": [
    smsStatus({
      providerMessageId: "3798318073013708082-252169030017029882",
      status: "FAILED",
      providerStatus: "failure",
      recipient: "91989237777",
      timestamp: at(1526347800000),
      error: { code: "003", reason: "UNKNOWN_SUBSCRIBER" },
    }),
  ],
  "sms-dlr-post-json-array.json": [
    smsStatus({
      providerMessageId: "3562707498794989059-328736121207676738",
      status: "DELIVERED",
      providerStatus: "delivered",
      recipient: "919892488888",
      timestamp: at(1526347800000),
    }),
  ],
  "sms-dlr-post-batch.form.txt": [
    smsStatus({
      providerMessageId: "3562707498794989059-328736121207676738",
      status: "DELIVERED",
      providerStatus: "delivered",
      recipient: "919892488888",
      timestamp: at(1526347800000),
    }),
    smsStatus({
      providerMessageId: "3798318073013708082-252169030017029882",
      status: "FAILED",
      providerStatus: "failed",
      recipient: "91989237777",
      timestamp: at(1526347800000),
      error: { code: "003", reason: "UNKNOWN_SUBSCRIBER" },
    }),
    smsStatus({
      providerMessageId: "4001",
      status: "FAILED",
      providerStatus: "undeliv",
      recipient: "919892400001",
      timestamp: at(1526347801000),
      error: { code: "001", reason: "ABSENT_SUBSCRIBER" },
    }),
  ],
  "sms-inbound.form.txt": [
    {
      kind: "message",
      channel: "SMS",
      providerMessageId: "7781234567890",
      from: "919812345678",
      to: "TESTIN",
      timestamp: at(1718007189000),
      content: { type: "text", text: "STOP" },
    },
  ],
  "sms-inbound-msisdn.query.txt": [
    {
      kind: "message",
      channel: "SMS",
      from: "919812345678",
      timestamp: at(1718007189000),
      content: { type: "text", text: "Need a taxi at 6" },
    },
  ],
};

describe(`${parseGupshupWebhook.name} — v3 and Enterprise SMS`, () => {
  it.each(Object.keys(EXPECTED))("parses %s", (name) => {
    expect(parseGupshupWebhook(fixtureRequest(name))).toEqual(EXPECTED[name]);
  });

  it("has an expectation for every v3 and SMS fixture", () => {
    const mine = fixtureNames().filter((n) => /^(v3-|sms-)/.test(n));
    expect(mine.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each([
    ["SUCCESS", "DELIVERED"],
    ["DELIVRD", "DELIVERED"],
    ["FAILURE", "FAILED"],
    ["UNDELIV", "FAILED"],
    ["UNKNOWN", null],
  ])("maps the SMS report word %s to %s", (word, status) => {
    const [event] = parseGupshupWebhook({
      rawBody: "",
      query: `externalId=9&status=${word}&errCode=006&cause=DND_FAIL`,
    });
    expect(event).toMatchObject({ kind: "status", status, providerStatus: word.toLowerCase() });
    expect(event?.kind === "status" && event.error).toEqual(
      status === "FAILED" ? { code: "006", reason: "DND_FAIL" } : undefined,
    );
  });

  it("ignores our own ?token= among the query parameters of a GET report", () => {
    const events = parseGupshupWebhook({
      rawBody: "",
      query: { token: "s3cret", externalId: "77", status: "DELIVRD" },
    });
    expect(events).toEqual([
      smsStatus({ providerMessageId: "77", status: "DELIVERED", providerStatus: "delivrd" }),
    ]);
  });
});
