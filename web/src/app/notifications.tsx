import type { StaffProfile } from "@contract/auth";
import type { NotificationSettings, NotificationSettingsResponse } from "@contract/staff-preferences";
import type { ThreadDetailResponse, UnreadSummaryResponse } from "@contract/threads";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiGet, apiPatch } from "@web/api/http-client";
import { onLiveEvent } from "@web/live/use-live-events";
import { useEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { ModalSheet } from "./modal-sheet";
import { formatPhone } from "./phone";

const SETTINGS_KEY = ["notification-settings"] as const;
// Under the inbox lists' key: every live event that refreshes the inbox refreshes the title count too.
const UNREAD_SUMMARY_KEY = ["threads", "unread-summary"] as const;

export function useNotificationSettings() {
  return useQuery({
    queryKey: SETTINGS_KEY,
    queryFn: async () =>
      (await apiGet<NotificationSettingsResponse>("/api/me/notification-settings")).settings,
    staleTime: 5 * 60_000,
  });
}

/** "(3) Inbox · commhub": the count of unread threads that concern me (mine, unassigned in my properties). */
export function useUnreadTitle(title: string): void {
  const summary = useQuery({
    queryKey: UNREAD_SUMMARY_KEY,
    queryFn: () => apiGet<UnreadSummaryResponse>("/api/threads/unread-summary"),
  });
  const count = summary.data?.unreadThreads ?? 0;
  useEffect(() => {
    document.title = count > 0 ? `(${count}) ${title}` : title;
  }, [count, title]);
}

/**
 * A desktop notification (and the sound, if chosen) for each new guest message on my thread or an
 * unassigned one, naming the guest and property. The message text only when the person chose to show it.
 */
export function useDesktopNotifications(user: StaffProfile, openThreadId: number | undefined): void {
  const settings = useNotificationSettings().data;
  const openThread = useRef(openThreadId);
  openThread.current = openThreadId;
  useEffect(() => {
    if (!settings || (!settings.desktop && !settings.sound)) return;
    return onLiveEvent((event) => {
      if (event.type !== "message.received" || event.payload.direction !== "INBOUND") return;
      const threadId = event.payload.threadId;
      if (threadId === null) return;
      if (threadId === openThread.current && document.visibilityState === "visible") return;
      const text = event.payload.message;
      void apiGet<ThreadDetailResponse>(`/api/threads/${threadId}`).then(
        (detail) => {
          const assignee = detail.thread.assignee;
          if (assignee && assignee.id !== user.id) return;
          if (settings.sound) playChime();
          if (!settings.desktop || !("Notification" in window) || Notification.permission !== "granted")
            return;
          const guest = detail.contact.name ?? formatPhone(detail.contact.phone);
          const property = detail.thread.property?.name;
          const notification = new Notification(property ? `${guest} · ${property}` : guest, {
            body: settings.showBody && text ? text : "New message",
            tag: `thread-${threadId}`,
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

function playChime(): void {
  try {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = 880;
    gain.gain.setValueAtTime(0.15, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.4);
    tone.connect(gain).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.4);
    tone.onended = () => void audio.close();
  } catch {
    // No audio (autoplay rules before the first click): the notification itself still shows.
  }
}

/** The header's "Notifications" button and its settings: opt-in, with the browser's permission asked here. */
export function NotificationSettingsButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button ghost" onClick={() => setOpen(true)}>
        Notifications
      </button>
      {/* On a phone the button sits in the header's menu, which hides when it closes: the dialog lives
          outside it. */}
      {open &&
        createPortal(
          <ModalSheet title="Notifications" variant="sheet" onClose={() => setOpen(false)}>
            <NotificationSettingsForm />
          </ModalSheet>,
          document.body,
        )}
    </>
  );
}

function NotificationSettingsForm() {
  const client = useQueryClient();
  const settings = useNotificationSettings();
  const supported = "Notification" in window;
  const [permission, setPermission] = useState(supported ? Notification.permission : "denied");
  const save = useMutation({
    mutationFn: (patch: Partial<NotificationSettings>) =>
      apiPatch<NotificationSettingsResponse>("/api/me/notification-settings", patch),
    onSuccess: (res) => client.setQueryData(SETTINGS_KEY, res.settings),
  });
  if (!settings.data) return <p>Loading your settings…</p>;
  const current = settings.data;

  const turnOn = async () => {
    const answer = supported ? await Notification.requestPermission() : "denied";
    setPermission(answer);
    if (answer === "granted") save.mutate({ desktop: true });
  };

  return (
    <div className="notification-settings">
      <p>
        Get a desktop notification when a guest writes on one of your conversations or an unassigned one in
        your properties, even when this tab is in the background. It names the guest and the property.
      </p>
      {current.desktop && permission === "granted" ? (
        <p role="status">
          Desktop notifications are on.{" "}
          <button type="button" className="button ghost" onClick={() => save.mutate({ desktop: false })}>
            Turn off
          </button>
        </p>
      ) : permission === "denied" ? (
        <p role="status">
          This browser blocks notifications for commhub. Allow them in the site settings (the icon left of the
          address), then come back here.
        </p>
      ) : (
        <button type="button" className="button primary" onClick={() => void turnOn()}>
          Turn on desktop notifications
        </button>
      )}
      <label className="checkbox-field">
        <input
          type="checkbox"
          checked={current.showBody}
          onChange={(e) => save.mutate({ showBody: e.target.checked })}
        />
        Show the message text in notifications (anyone near the screen, or a locked screen, can read it)
      </label>
      <label className="checkbox-field">
        <input
          type="checkbox"
          checked={current.sound}
          onChange={(e) => save.mutate({ sound: e.target.checked })}
        />
        Play a sound for new guest messages
      </label>
      {save.error && (
        <p className="form-error" role="alert">
          {save.error.message}
        </p>
      )}
    </div>
  );
}
