import { useQueryClient } from "@tanstack/react-query";
import { useNotificationSettings } from "@web/app/notifications";
import { useEffect } from "react";
import { onLiveEvent } from "./use-live-events";

/**
 * A colleague mentioned me in a note: the inbox's "Mentions" refreshes and, if I turned desktop
 * notifications on, one names who and where (never the note's text: it may be about the guest).
 */
export function useMentionNotifications(): void {
  const settings = useNotificationSettings().data;
  const client = useQueryClient();
  useEffect(
    () =>
      onLiveEvent((event) => {
        if (event.type !== "note.mentioned") return;
        void client.invalidateQueries({ queryKey: ["thread", event.payload.threadId] });
        if (!settings?.desktop || !("Notification" in window) || Notification.permission !== "granted")
          return;
        const { by, guestName, propertyName, threadId } = event.payload;
        const where = [guestName, propertyName].filter(Boolean).join(" · ");
        const notification = new Notification(`${by ?? "A colleague"} mentioned you`, {
          body: where ? `In a note on ${where}` : "In a note",
          tag: `mention-${event.payload.noteId}`,
        });
        notification.onclick = () => {
          window.focus();
          window.location.search = `?thread=${threadId}`;
        };
      }),
    [settings, client],
  );
}
