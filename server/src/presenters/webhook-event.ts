import type { WebhookEventDto } from "@contract/webhook-events";
import type { webhookEvents } from "@server/db/schema/index";

type WebhookEventRow = typeof webhookEvents.$inferSelect;

/** A stored callback as admins see it: the token was never stored, credential headers never kept. */
export function presentWebhookEvent(row: WebhookEventRow): WebhookEventDto {
  return {
    id: row.id,
    provider: row.provider,
    dedupeKey: row.dedupeKey,
    kind: row.kind,
    status: row.status as WebhookEventDto["status"],
    method: row.method,
    contentType: row.contentType,
    query: row.query,
    headers: stringRecord(row.headers),
    sourceIp: row.sourceIp,
    attempts: row.attempts,
    lastError: row.lastError,
    receivedAt: row.receivedAt.toISOString(),
    processedAt: row.processedAt?.toISOString() ?? null,
    bodyEncoding: row.bodyEncoding === "base64" ? "base64" : "utf8",
    body: row.rawBody,
  };
}

function stringRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== "object") return {};
  return Object.fromEntries(
    Object.entries(value).filter((e): e is [string, string] => typeof e[1] === "string"),
  );
}
