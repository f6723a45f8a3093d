import type { MeResponse } from "@contract/auth";
import type { ContactListResponse } from "@contract/contacts";
import type { StartConversationBody, StartConversationResponse } from "@contract/conversations";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiGet, apiPost } from "@web/api/http-client";
import { useSession } from "@web/api/session";
import { threadKeys } from "@web/api/threads";

/** Guests the person may see, by name, phone (any format), email or booking reference. */
export function useGuestSearch(search: string) {
  const term = search.trim();
  return useQuery({
    queryKey: ["guest-search", term],
    queryFn: () => apiGet<ContactListResponse>(`/api/contacts?limit=8&search=${encodeURIComponent(term)}`),
    enabled: term.length >= 2,
    staleTime: 30_000,
  });
}

export function useStartConversation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: StartConversationBody) =>
      apiPost<StartConversationResponse>("/api/conversations", body),
    onSuccess: (answer) => {
      void client.invalidateQueries({ queryKey: threadKeys.lists });
      void client.invalidateQueries({ queryKey: threadKeys.detail(answer.threadId) });
    },
  });
}

/** DEFAULT_COUNTRY: known from /api/auth/me (asked again when the session began at sign-in). */
export function useDefaultCountry(): string | undefined {
  const session = useSession();
  const me = useQuery({
    queryKey: ["me", "default-country"],
    queryFn: () => apiGet<MeResponse>("/api/auth/me"),
    enabled: session.data !== undefined && !session.data?.defaultCountry,
    staleTime: Number.POSITIVE_INFINITY,
  });
  return session.data?.defaultCountry ?? me.data?.defaultCountry;
}
