import type {
  CannedReplyDto,
  CannedReplyListResponse,
  CreateCannedReplyBody,
  RenderCannedReplyResponse,
  UpdateCannedReplyBody,
} from "@contract/canned-replies";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { apiDelete, apiGet, apiPatch, apiPost } from "@web/api/http-client";

export const CANNED_REPLIES_PATH = "/admin/canned-replies";

/** The replies usable on this thread (its property's and the chain-wide ones), or all the caller's. */
export function useCannedReplies(threadId?: number, enabled = true) {
  return useQuery({
    queryKey: ["canned-replies", threadId ?? "all"],
    queryFn: async () =>
      (
        await apiGet<CannedReplyListResponse>(
          threadId ? `/api/canned-replies?threadId=${threadId}` : "/api/canned-replies",
        )
      ).cannedReplies,
    enabled,
    staleTime: 60_000,
  });
}

/** Filled for the thread by the server (which also counts the use). */
export function renderCannedReply(id: number, threadId: number): Promise<RenderCannedReplyResponse> {
  return apiPost<RenderCannedReplyResponse>(`/api/canned-replies/${id}/render`, { threadId });
}

/** Shortcut first (exact, then prefix), then title and text matches. */
export function matchCannedReplies(replies: CannedReplyDto[], query: string): CannedReplyDto[] {
  const q = query.trim().toLowerCase();
  if (!q) return replies;
  const rank = (r: CannedReplyDto) => {
    if (r.shortcut === q) return 0;
    if (r.shortcut.startsWith(q)) return 1;
    if (r.shortcut.includes(q)) return 2;
    if (r.title.toLowerCase().includes(q)) return 3;
    if (Object.values(r.texts).some((t) => t.toLowerCase().includes(q))) return 4;
    return 5;
  };
  return replies
    .map((r) => ({ r, rank: rank(r) }))
    .filter((x) => x.rank < 5)
    .sort((a, b) => a.rank - b.rank || a.r.shortcut.localeCompare(b.r.shortcut))
    .map((x) => x.r);
}

export function useCannedReplyActions() {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: ["canned-replies"] });
  return {
    create: async (values: CreateCannedReplyBody) => {
      await apiPost("/api/canned-replies", values);
      await refresh();
    },
    update: async (id: number, values: UpdateCannedReplyBody) => {
      await apiPatch(`/api/canned-replies/${id}`, values);
      await refresh();
    },
    remove: async (id: number) => {
      await apiDelete(`/api/canned-replies/${id}`);
      await refresh();
    },
  };
}
