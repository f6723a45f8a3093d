import { isUtf8 } from "node:buffer";
import { createHash } from "node:crypto";
import type { StoreWebhookEventInput } from "@server/domain/webhooks/store-webhook-event";
import { webhookDedupeKey } from "@server/providers/gupshup/gupshup-webhook";
import type { InboundEvent } from "@server/providers/inbound-event";
import type { WebhookRequest } from "@server/providers/webhook-request";

// A received callback → the row that stores it: exact bytes (base64 when they are not text), a
// deterministic dedupe key, and what we know of it. Secrets (?token=, Authorization) are never kept.

/** Headers worth keeping for forensics; anything else (credentials, cookies) is dropped. */
const KEPT_HEADERS = ["content-type", "content-length", "user-agent", "x-forwarded-for", "x-real-ip"];

export type ReceivedCallback = {
  method: string;
  /** Query string without `?`, as received (may carry the token). */
  rawQuery: string;
  headers: Record<string, string | string[] | undefined>;
  /** Undefined for GET/HEAD. */
  body: Buffer | undefined;
  sourceIp: string;
};

/** The provider-facing view of the callback, for authentication (token and HMAC need the raw parts). */
export function webhookRequestOf(callback: ReceivedCallback): WebhookRequest {
  const isGet = callback.body === undefined;
  return {
    method: callback.method,
    headers: callback.headers,
    query: callback.rawQuery,
    rawBody: isGet ? withoutToken(callback.rawQuery) : (callback.body ?? Buffer.alloc(0)),
    sourceIp: callback.sourceIp,
  };
}

/** What to store for an authenticated callback; `parse` is the provider's webhook parser. */
export function storedCallback(
  provider: string,
  callback: ReceivedCallback,
  parse: (request: WebhookRequest) => InboundEvent[],
): StoreWebhookEventInput {
  const query = withoutToken(callback.rawQuery);
  // A GET callback (SMS delivery report) carries its content in the query string.
  const bytes = callback.body ?? Buffer.from(query, "utf8");
  const base = {
    provider,
    method: callback.method,
    query,
    contentType: header(callback.headers, "content-type"),
    headers: keptHeaders(callback.headers),
    sourceIp: callback.sourceIp,
  };
  // PostgreSQL text holds neither invalid UTF-8 nor NUL: keep such bodies byte for byte in base64.
  if (!isUtf8(bytes) || bytes.includes(0)) {
    return {
      ...base,
      dedupeKey: `raw:${sha256(bytes)}`,
      kind: "unparseable",
      status: "UNPARSEABLE",
      rawBody: bytes.toString("base64"),
      bodyEncoding: "base64",
      lastError: "body is not valid UTF-8 text",
    };
  }
  const rawBody = bytes.toString("utf8");
  const events = parse({ method: callback.method, headers: callback.headers, rawBody, query });
  const unreadable = events.find((e) => e.kind === "unsupported" && e.unreadable);
  return {
    ...base,
    dedupeKey: webhookDedupeKey(events, rawBody),
    kind: unreadable ? "unparseable" : kindOf(events),
    status: unreadable ? "UNPARSEABLE" : "RECEIVED",
    rawBody,
    bodyEncoding: "utf8",
    lastError: unreadable?.kind === "unsupported" ? unreadable.reason : undefined,
  };
}

function kindOf(events: InboundEvent[]): string {
  const kinds = [...new Set(events.map((e) => e.kind))];
  return kinds.length === 1 ? (kinds[0] ?? "unsupported") : "batch";
}

/** The query string without our `token` parameter; every other byte is kept as received. */
export function withoutToken(rawQuery: string): string {
  return rawQuery
    .split("&")
    .filter((part) => part !== "" && safeDecode(part.split("=")[0] ?? "") !== "token")
    .join("&");
}

function safeDecode(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, " "));
  } catch {
    return name;
  }
}

function keptHeaders(headers: ReceivedCallback["headers"]): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = header(headers, name);
    if (value !== undefined) kept[name] = value;
  }
  return kept;
}

function header(headers: ReceivedCallback["headers"], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}
