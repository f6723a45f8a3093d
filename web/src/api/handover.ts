import type { AssignableStaffResponse, MoveThreadBody } from "@contract/handover";
import type { ThreadResponse } from "@contract/threads";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiGet, apiPost } from "./http-client";
import { invalidateThread } from "./threads";

/** Who this thread can be handed to (names and availability): any role may ask, for a thread it sees. */
export function useAssignableStaff(threadId: number) {
  return useQuery({
    queryKey: ["thread", threadId, "assignable-staff"],
    queryFn: () => apiGet<AssignableStaffResponse>(`/api/threads/${threadId}/assignable-staff`),
    staleTime: 60_000,
  });
}

/** Managers and admins: move the thread to another property (it is dealt out again there). */
export function useMoveThread(threadId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: MoveThreadBody) => apiPost<ThreadResponse>(`/api/threads/${threadId}/property`, body),
    onSuccess: () => {
      invalidateThread(client, threadId);
      void client.invalidateQueries({ queryKey: ["thread", threadId, "assignable-staff"] });
    },
  });
}
