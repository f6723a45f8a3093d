import { createHash } from "node:crypto";
import { fixtureRequest } from "@test/gupshup-fixtures";
import { describe, expect, it } from "vitest";
import { deriveDedupeKeys, parseGupshupWebhook, webhookDedupeKey } from "./gupshup-webhook";

const sha = (s: string) => createHash("sha256").update(s).digest("hex");
const keyOf = (name: string) => {
  const request = fixtureRequest(name);
  const raw = request.query ?? request.rawBody;
  return webhookDedupeKey(parseGupshupWebhook(request), raw);
};

describe(webhookDedupeKey.name, () => {
  it.each([
    ["v2-message-text.json", "msg:ABEGkZUTIXZ0Ago69N5XB9zTUbl-"],
    ["v3-message-text.json", "msg:wamid.HBgMOTE5ODEyMzQ1Njc4FQIAEhgUM0E"],
    ["v2-event-enqueued.json", "st:59f8db90-c37e-4408-90ab-cc54ef8246ad:enqueued"],
    ["v2-event-sent.json", "st:7daeb742-f2dc-4c09-90e0-d879d20f7b98:sent"],
    ["v2-event-read-without-gsid.json", "st:wamid.HBgMOTE5ODEyMzQ1Njc4FQIAERgSQTY:read"],
    ["v2-event-failed-sync.json", "st:ee4a68a0-1203-4c85-8dc3-49d0b3226a35:failed:1002"],
    ["v3-status-failed-errors.json", "st:72f61f22-5aa4-4615-a970-943edf6da01c:failed:131047"],
    ["v2-user-opted-out.json", "user:919812345678:opted-out:1584541505909"],
    ["v2-user-sandbox-start-callback-set.json", "user:callbackSetPhone:sandbox-start:1580142086287"],
    ["sms-dlr-get.query.txt", "st:3562707498794989059-328736121207676738:success"],
    ["sms-inbound.form.txt", "msg:7781234567890"],
  ])("keys %s as %s", (name, key) => {
    expect(keyOf(name)).toBe(key);
  });

  it("keys a body with several events as batch:<sha256 of the body>", () => {
    const raw = fixtureRequest("v3-statuses-batch.json").rawBody;
    expect(keyOf("v3-statuses-batch.json")).toBe(`batch:${sha(raw)}`);
    expect(keyOf("sms-dlr-post-batch.form.txt")).toBe(
      `batch:${sha(fixtureRequest("sms-dlr-post-batch.form.txt").rawBody)}`,
    );
  });

  it("keys unparseable and id-less bodies as raw:<sha256 of the body>", () => {
    expect(webhookDedupeKey(parseGupshupWebhook({ rawBody: "garbage" }), "garbage")).toBe(
      `raw:${sha("garbage")}`,
    );
    const raw = fixtureRequest("spec-test-message-sms.json").rawBody;
    expect(keyOf("spec-test-message-sms.json")).toBe(`raw:${sha(raw)}`);
  });

  it("hashes keys built from ids no index could hold or that carry control characters", () => {
    const body = (id: string) => JSON.stringify({ type: "message-event", payload: { id, type: "enqueued" } });
    const long = "x".repeat(5000);
    expect(webhookDedupeKey(parseGupshupWebhook({ rawBody: body(long) }), body(long))).toBe(
      `st#${sha(`st:${long}:enqueued`)}`,
    );
    expect(webhookDedupeKey(parseGupshupWebhook({ rawBody: body("a\u0000b") }), "")).toMatch(
      /^st#[0-9a-f]{64}$/,
    );
  });

  it("is deterministic: the same delivery twice gives the same key, a different status another", () => {
    expect(keyOf("v2-event-delivered.json")).toBe(keyOf("v2-event-delivered.json"));
    expect(keyOf("v2-event-delivered.json")).not.toBe(keyOf("v2-event-read.json"));
  });
});

describe(deriveDedupeKeys.name, () => {
  it("gives one key per event of a batch", () => {
    const request = fixtureRequest("v3-statuses-batch.json");
    expect(deriveDedupeKeys(parseGupshupWebhook(request), request.rawBody)).toEqual([
      "st:11111111-1111-4111-8111-111111111111:delivered",
      "st:22222222-2222-4222-8222-222222222222:read",
      "st:33333333-3333-4333-8333-333333333333:sent",
    ]);
  });
});
