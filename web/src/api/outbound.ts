import type { MessageChannel } from "@contract/messages";
import type {
  MessageDetailResponse,
  SendMessageResponse,
  TemplateListResponse,
  ThreadReplyBody,
} from "@contract/outbound";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { apiGet, apiPost } from "./http-client";
import { invalidateThread, threadKeys } from "./threads";

export type Channel = z.infer<typeof MessageChannel>;

export function useTemplates() {
  return useQuery({
    queryKey: ["templates"],
    queryFn: () => apiGet<TemplateListResponse>("/api/templates"),
    staleTime: 5 * 60_000,
    // Templates are synced from the provider shortly after the server starts; until then, ask again.
    refetchInterval: (query) => (query.state.data?.templates.length ? false : 5_000),
  });
}

export function useReply(threadId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ThreadReplyBody) =>
      apiPost<SendMessageResponse>(`/api/threads/${threadId}/reply`, body),
    // The new message shows at once; its statuses and the thread's activity arrive as realtime events.
    onSuccess: () => void client.invalidateQueries({ queryKey: threadKeys.timeline(threadId) }),
    onError: () => invalidateThread(client, threadId),
  });
}

export function useRetry(threadId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (messageId: number) => apiPost<SendMessageResponse>(`/api/messages/${messageId}/retry`),
    onSettled: () => invalidateThread(client, threadId),
  });
}

/** "Send as SMS" for a WhatsApp message that could not reach the guest: a new SMS on the same thread. */
export function useSendAsSms(threadId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (messageId: number) => apiPost<SendMessageResponse>(`/api/messages/${messageId}/send-as-sms`),
    onSettled: () => invalidateThread(client, threadId),
  });
}

/** Acknowledges a failure: the thread stops showing as having a failed message. */
export function useDismissFailure(threadId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (messageId: number) =>
      apiPost<SendMessageResponse>(`/api/messages/${messageId}/dismiss-failure`),
    onSettled: () => invalidateThread(client, threadId),
  });
}

/** Attempts and status history of one message, fetched when someone looks at its ticks. */
export function useMessageDetail(messageId: number, enabled: boolean) {
  return useQuery({
    queryKey: ["message", messageId],
    queryFn: () => apiGet<MessageDetailResponse>(`/api/messages/${messageId}`),
    enabled,
    retry: false,
  });
}
