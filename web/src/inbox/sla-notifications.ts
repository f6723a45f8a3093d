import type { StaffProfile } from "@contract/auth";
import type { ThreadDetailResponse } from "@contract/threads";
import { apiGet } from "@web/api/http-client";
import { playChime, useNotificationSettings } from "@web/app/notifications";
import { formatPhone } from "@web/app/phone";
import { onLiveEvent } from "@web/live/use-live-events";
import { useEffect } from "react";

const WHAT = { FIRST_RESPONSE: "first reply", NEXT_RESPONSE: "reply", RESOLUTION: "resolution" } as const;

/**
 * A desktop notification (and the sound, if chosen) when a response-time target is breached on a thread
 * the server names me for: my thread, or an unassigned one in a property I manage.
 */
export function useSlaBreachNotifications(user: StaffProfile): void {
  const settings = useNotificationSettings().data;
  useEffect(() => {
    if (!settings || (!settings.desktop && !settings.sound)) return;
    return onLiveEvent((event) => {
      if (event.type !== "thread.sla_breached" || !event.payload.notifyStaffIds.includes(user.id)) return;
      const { threadId, kind } = event.payload;
      if (settings.sound) playChime();
      if (!settings.desktop || !("Notification" in window) || Notification.permission !== "granted") return;
      void apiGet<ThreadDetailResponse>(`/api/threads/${threadId}`).then(
        (detail) => {
          const guest = detail.contact.name ?? formatPhone(detail.contact.phone);
          const notification = new Notification(`SLA breached: ${WHAT[kind]}`, {
            body: detail.thread.property ? `${guest} · ${detail.thread.property.name}` : guest,
            tag: `sla-${threadId}-${kind}`,
          });
          notification.onclick = () => {
            window.focus();
            window.location.search = `?thread=${threadId}`;
          };
        },
        () => undefined,
      );
    });
  }, [settings, user.id]);
}
