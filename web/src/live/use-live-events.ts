import type { StreamReady } from "@contract/events";
import {
  isRealtimeEventType,
  REALTIME_EVENT_TYPES,
  type TypedRealtimeEvent,
} from "@contract/realtime-events";
import { useQueryClient } from "@tanstack/react-query";
import { threadKeys } from "@web/api/threads";
import { useEffect, useState } from "react";
import { applyEvent } from "./apply-event";

export type LiveStatus = "connecting" | "live" | "reconnecting";

type LiveListener = (event: TypedRealtimeEvent) => void;
const listeners = new Set<LiveListener>();

/** Hears every live event the hub's one stream receives (desktop notifications); returns the unsubscribe. */
export function onLiveEvent(listener: LiveListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const MAX_BACKOFF_MS = 15_000;

/**
 * Keeps the inbox live over `GET /api/events`: each event is applied to the cache (apply-event.ts); after a
 * reconnect (resumed from the last event id) everything is refetched, so nothing missed stays stale.
 */
export function useLiveEvents(enabled: boolean): LiveStatus {
  const client = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>("connecting");

  useEffect(() => {
    if (!enabled) return;
    let source: EventSource | undefined;
    let lastEventId: number | undefined;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let stopped = false;
    let recycling = false;
    const reconnectWhenVisible = () => {
      if (document.visibilityState !== "visible" || source?.readyState !== EventSource.CLOSED) return;
      if (retryTimer) clearTimeout(retryTimer);
      connect();
    };
    document.addEventListener("visibilitychange", reconnectWhenVisible);
    const refreshLists = throttle(() => void client.invalidateQueries({ queryKey: threadKeys.lists }), 300);

    const connect = () => {
      const url = lastEventId === undefined ? "/api/events" : `/api/events?lastEventId=${lastEventId}`;
      const opened = new EventSource(url, { withCredentials: true });
      source = opened;
      opened.addEventListener("stream.ready", (e) => {
        lastEventId = (JSON.parse((e as MessageEvent<string>).data) as StreamReady).lastEventId;
        // Whatever happened before this stream was subscribed (between the page's first fetches and
        // now, or while reconnecting beyond what the replay covers) reached nobody: refetch what is
        // on screen, every time.
        void client.invalidateQueries();
        failures = 0;
        recycling = false;
        setStatus("live");
      });
      // The server says why it ends a stream. After its lifetime cap the browser reconnects by itself
      // and resumes (Last-Event-ID): nothing to tell the user. "replaced": this account opened more
      // streams than the server allows and this one was the oldest; a hidden tab reconnecting now
      // would only close another tab's stream, so it waits until someone looks at it.
      opened.addEventListener("stream.closed", (e) => {
        const { reason } = JSON.parse((e as MessageEvent<string>).data) as { reason?: string };
        if (reason === "lifetime") recycling = true;
        if (reason !== "replaced") return;
        opened.close();
        setStatus("reconnecting");
        if (document.visibilityState === "visible") retryTimer = setTimeout(connect, MAX_BACKOFF_MS);
      });
      // EventSource delivers only the named events it listens for: exactly the ones the server publishes
      // (contract/realtime-events.ts). An unnamed or unknown event (a newer server) is ignored on purpose.
      for (const type of REALTIME_EVENT_TYPES) {
        opened.addEventListener(type, (e) => {
          const event = JSON.parse((e as MessageEvent<string>).data) as TypedRealtimeEvent;
          if (!isRealtimeEventType(event.type)) return;
          lastEventId = Math.max(lastEventId ?? 0, event.id);
          const { lists } = applyEvent(client, event);
          for (const listener of listeners) listener(event);
          if (lists) refreshLists();
        });
      }
      opened.onerror = () => {
        if (stopped) return;
        if (!(recycling && opened.readyState === EventSource.CONNECTING)) setStatus("reconnecting");
        // The browser retries by itself while CONNECTING; once CLOSED (an HTTP error) it is up to us.
        if (opened.readyState === EventSource.CLOSED) {
          opened.close();
          failures += 1;
          const wait = Math.min(MAX_BACKOFF_MS, 500 * 2 ** failures);
          retryTimer = setTimeout(connect, wait);
        }
      };
    };
    connect();
    return () => {
      stopped = true;
      document.removeEventListener("visibilitychange", reconnectWhenVisible);
      if (retryTimer) clearTimeout(retryTimer);
      source?.close();
    };
  }, [client, enabled]);

  return status;
}

function throttle(fn: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      fn();
    }, ms);
  };
}
