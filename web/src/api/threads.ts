import type { ThreadChannel, ThreadStatus } from "@contract/channels";
import type { ThreadPriority } from "@contract/labels";
import type { PropertyListResponse } from "@contract/properties";
import type { StaffListResponse } from "@contract/staff";
import type { ThreadDetailResponse, ThreadListResponse, ThreadResponse } from "@contract/threads";
import type { TimelineItem, TimelineResponse } from "@contract/timeline";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { apiGet, apiPost } from "./http-client";

export type InboxFilters = {
  propertyId?: number;
  status?: ThreadStatus[];
  assignee?: "me" | "none";
  channel?: ThreadChannel;
  unread?: boolean;
  search?: string;
  label?: number;
  priority?: ThreadPriority[];
  sort?: "activity" | "priority" | "sla";
  /** Only threads whose response-time target is due within the hour or overdue. */
  breachingSoon?: boolean;
  /** Threads whose notes mention me, unread mentions first. */
  mentions?: boolean;
  /** The person picked a status: it narrows a search too (otherwise a search covers every status). */
  statusChosen?: boolean;
};

export const threadKeys = {
  lists: ["threads"] as const,
  list: (filters: InboxFilters) => ["threads", filters] as const,
  detail: (id: number) => ["thread", id] as const,
  timeline: (id: number) => ["timeline", id] as const,
};

const PAGE_SIZE = 100;

/** A search looks through every status, unless the person chose one. */
export function searchesAllStatuses(filters: InboxFilters): boolean {
  return Boolean(filters.search?.trim()) && !filters.statusChosen;
}

export function threadListUrl(filters: InboxFilters, cursor?: string): string {
  const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (filters.propertyId) params.set("propertyId", String(filters.propertyId));
  if (filters.status?.length && !searchesAllStatuses(filters)) params.set("status", filters.status.join(","));
  if (filters.assignee) params.set("assignee", filters.assignee);
  if (filters.channel) params.set("channel", filters.channel);
  if (filters.unread) params.set("unread", "true");
  if (filters.search?.trim()) params.set("search", filters.search.trim());
  if (filters.label) params.set("label", String(filters.label));
  if (filters.priority?.length) params.set("priority", filters.priority.join(","));
  if (filters.sort) params.set("sort", filters.sort);
  if (filters.breachingSoon) params.set("breachingSoon", "true");
  if (filters.mentions) params.set("mentions", "true");
  if (cursor) params.set("cursor", cursor);
  return `/api/threads?${params}`;
}

/** The inbox, page by page as the list scrolls. */
export function useThreadList(filters: InboxFilters) {
  return useInfiniteQuery({
    queryKey: threadKeys.list(filters),
    queryFn: ({ pageParam }) => apiGet<ThreadListResponse>(threadListUrl(filters, pageParam)),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useThreadDetail(id: number | undefined) {
  return useQuery({
    queryKey: threadKeys.detail(id ?? 0),
    queryFn: () => apiGet<ThreadDetailResponse>(`/api/threads/${id}`),
    enabled: id !== undefined,
  });
}

/** The newest page of the timeline, and older ones on demand, merged oldest first. */
export function useTimeline(id: number | undefined) {
  const query = useInfiniteQuery({
    queryKey: threadKeys.timeline(id ?? 0),
    queryFn: ({ pageParam }) =>
      apiGet<TimelineResponse>(
        `/api/threads/${id}/timeline?limit=100${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ""}`,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: id !== undefined,
  });
  const items: TimelineItem[] = [];
  for (const page of [...(query.data?.pages ?? [])].reverse()) items.push(...page.items);
  return { ...query, items };
}

export function useProperties() {
  return useQuery({
    queryKey: ["properties"],
    queryFn: () => apiGet<z.infer<typeof PropertyListResponse>>("/api/properties"),
    staleTime: 5 * 60_000,
  });
}

/** Every staff member the caller manages (managers and admins only: agents would get a 403). */
export function useStaff(options: { enabled?: boolean } = {}) {
  return useQuery({
    enabled: options.enabled ?? true,
    queryKey: ["staff"],
    queryFn: () => apiGet<z.infer<typeof StaffListResponse>>("/api/staff"),
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/** A thread action (assign, status, read, note): refreshes the thread, its timeline and the inbox. */
export function useThreadAction<Body>(
  threadId: number,
  action: "assign" | "status" | "read" | "unread" | "notes",
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Body) => apiPost<ThreadResponse>(`/api/threads/${threadId}/${action}`, body ?? {}),
    onSuccess: () => invalidateThread(client, threadId),
  });
}

export function invalidateThread(client: ReturnType<typeof useQueryClient>, threadId: number): void {
  void client.invalidateQueries({ queryKey: threadKeys.detail(threadId) });
  void client.invalidateQueries({ queryKey: threadKeys.timeline(threadId) });
  void client.invalidateQueries({ queryKey: threadKeys.lists });
}
