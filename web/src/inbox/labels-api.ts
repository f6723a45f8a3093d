import {
  LABEL_COLORS,
  type Label,
  type LabelColor,
  type LabelListResponse,
  type ThreadPriority,
} from "@contract/labels";
import type { BulkThreadAction, BulkThreadsResponse } from "@contract/thread-bulk";
import type { ThreadResponse } from "@contract/threads";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiDelete, apiGet, apiPost } from "@web/api/http-client";
import { type InboxFilters, invalidateThread, threadKeys } from "@web/api/threads";

export const PRIORITY_LABELS: Record<ThreadPriority, string> = {
  none: "No priority",
  low: "Low",
  medium: "Medium",
  high: "High",
  urgent: "Urgent",
};

/** A shape per priority, so that priority never rests on colour alone. */
export const PRIORITY_MARKS: Record<ThreadPriority, string> = {
  none: "",
  low: "▽",
  medium: "◇",
  high: "▲",
  urgent: "‼",
};

export const labelHex = (color: LabelColor): string => LABEL_COLORS[color];

const labelKeys = { all: ["labels"] as const };

/** The labels of every property the signed-in person may see. */
export function useLabels() {
  return useQuery({
    queryKey: labelKeys.all,
    queryFn: () => apiGet<LabelListResponse>("/api/labels"),
    staleTime: 60_000,
  });
}

export function useCreateLabel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { propertyId: number; name: string; color: LabelColor }) =>
      apiPost<{ label: Label }>("/api/labels", body),
    onSuccess: () => void client.invalidateQueries({ queryKey: labelKeys.all }),
  });
}

export function useChangeThreadLabel(threadId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ labelId, add }: { labelId: number; add: boolean }) =>
      add
        ? apiPost<ThreadResponse>(`/api/threads/${threadId}/labels`, { labelId })
        : apiDelete<ThreadResponse>(`/api/threads/${threadId}/labels/${labelId}`),
    onSuccess: () => invalidateThread(client, threadId),
  });
}

export function useSetThreadPriority(threadId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (priority: ThreadPriority) =>
      apiPost<ThreadResponse>(`/api/threads/${threadId}/priority`, { priority }),
    onSuccess: () => invalidateThread(client, threadId),
  });
}

/** The inbox filter as the bulk endpoint takes it ("select all matching"). */
export function bulkFilter(filters: InboxFilters): Record<string, string> {
  const out: Record<string, string> = {};
  if (filters.propertyId) out.propertyId = String(filters.propertyId);
  if (filters.status?.length) out.status = filters.status.join(",");
  if (filters.assignee) out.assignee = filters.assignee;
  if (filters.channel) out.channel = filters.channel;
  if (filters.unread) out.unread = "true";
  if (filters.search?.trim()) out.search = filters.search.trim();
  if (filters.label) out.label = String(filters.label);
  if (filters.priority?.length) out.priority = filters.priority.join(",");
  return out;
}

export function useBulkAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ({ threadIds: number[] } | { filter: Record<string, string> }) & BulkThreadAction) =>
      apiPost<BulkThreadsResponse>("/api/threads/bulk", body),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: threadKeys.lists });
      void client.invalidateQueries({ queryKey: ["thread"] });
      void client.invalidateQueries({ queryKey: ["timeline"] });
    },
  });
}
