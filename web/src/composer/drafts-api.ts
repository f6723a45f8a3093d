import { type DraftBody, type DraftListResponse, isEmptyDraft } from "@contract/composer";
import { apiGet, csrfHeaders } from "@web/api/http-client";
import type { Channel } from "@web/api/outbound";

export const draftsKey = (threadId: number) => ["composer-drafts", threadId] as const;

export const fetchDrafts = (threadId: number) => apiGet<DraftListResponse>(`/api/threads/${threadId}/drafts`);

/**
 * Stores (or, when empty, clears) the draft. `keepalive` lets the request finish while the page unloads.
 * A failed save is not worth an error on screen: the text is still in the box and the next edit retries.
 */
export async function saveDraft(
  threadId: number,
  channel: Channel,
  body: DraftBody,
  options: { keepalive?: boolean } = {},
): Promise<boolean> {
  const empty = isEmptyDraft(body);
  try {
    const res = await fetch(`/api/threads/${threadId}/drafts/${channel}`, {
      method: empty ? "DELETE" : "PUT",
      headers: { ...csrfHeaders(), ...(empty ? {} : { "content-type": "application/json" }) },
      credentials: "same-origin",
      body: empty ? undefined : JSON.stringify(body),
      keepalive: options.keepalive,
    });
    return res.ok;
  } catch {
    return false;
  }
}
