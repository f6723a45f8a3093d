import type { DraftBody } from "@contract/composer";
import { useQuery } from "@tanstack/react-query";
import type { Channel } from "@web/api/outbound";
import { COMPOSER_INPUT_ID } from "@web/inbox/use-inbox-keys";
import { onLiveEvent } from "@web/live/use-live-events";
import { useCallback, useEffect, useRef } from "react";
import { draftsKey, fetchDrafts, saveDraft } from "./drafts-api";

const SAVE_AFTER_MS = 500;
const EMPTY = JSON.stringify({ text: "" });

type Options = {
  threadId: number;
  channel: Channel;
  /** What the composer holds now, for the current channel. */
  draft: DraftBody;
  /** Puts a stored draft back into the composer (on open, and when switching to a channel that has one). */
  restore: (channel: Channel, body: DraftBody) => void;
};

/**
 * Keeps the composer's draft on the server per thread and channel: restored on open (the most recent
 * one, with its channel), saved 500 ms after the last edit, at once when the thread closes or the page
 * unloads. Switching channel moves the text along unless the other channel has its own draft.
 */
export function useComposerDraft({ threadId, channel, draft, restore }: Options) {
  const stored = useQuery({
    queryKey: draftsKey(threadId),
    queryFn: () => fetchDrafts(threadId),
    staleTime: 0,
    gcTime: 0,
    retry: 1,
  });
  const serverHas = useRef(new Map<Channel, string>());
  const loaded = useRef(false);
  const lastChannel = useRef(channel);
  const current = useRef({ channel, json: JSON.stringify(draft), draft });
  current.current = { channel, json: JSON.stringify(normalise(draft)), draft: normalise(draft) };

  const save = useCallback(
    (target: Channel, body: DraftBody, keepalive = false) => {
      const json = JSON.stringify(body);
      if ((serverHas.current.get(target) ?? EMPTY) === json) return;
      serverHas.current.set(target, json);
      void saveDraft(threadId, target, body, { keepalive });
    },
    [threadId],
  );

  useEffect(() => {
    if (loaded.current || (!stored.data && !stored.isError)) return;
    loaded.current = true;
    const drafts = stored.data?.drafts ?? [];
    for (const d of drafts) serverHas.current.set(d.channel, JSON.stringify(normalise(d.body)));
    const latest = [...drafts].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
    // Whatever was typed while the drafts were on their way is newer than any of them.
    const typed = current.current.draft;
    if (latest && !typed.text.trim() && !typed.attachment && !typed.template) {
      lastChannel.current = latest.channel;
      restore(latest.channel, normalise(latest.body));
    }
  }, [stored.data, stored.isError, restore]);

  // Channel switch: the other channel's own draft comes back; without one, the text moves with it.
  useEffect(() => {
    const previous = lastChannel.current;
    if (!loaded.current || previous === channel) return;
    lastChannel.current = channel;
    const own = serverHas.current.get(channel);
    if (own && own !== EMPTY) restore(channel, JSON.parse(own) as DraftBody);
    else save(previous, { text: "" });
  });

  // Debounced save of every edit.
  const json = current.current.json;
  useEffect(() => {
    if (!loaded.current) return;
    const timer = setTimeout(() => save(channel, JSON.parse(json) as DraftBody), SAVE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [json, channel, save]);

  // In the reply box with something written: this device's draft wins until it is left.
  const typingHere = useCallback(
    () => document.activeElement?.id === COMPOSER_INPUT_ID && current.current.json !== EMPTY,
    [],
  );

  // The same person changed this draft on another device: take it, unless typing in this composer now.
  useEffect(
    () =>
      onLiveEvent((event) => {
        if (event.type !== "draft.changed" || event.payload.threadId !== threadId || !loaded.current) return;
        if (typingHere()) return;
        void fetchDrafts(threadId).then(
          ({ drafts }) => {
            if (typingHere()) return;
            const changed = event.payload.channel;
            const body = normalise(drafts.find((d) => d.channel === changed)?.body ?? { text: "" });
            const json = JSON.stringify(body);
            serverHas.current.set(changed, json);
            if (changed === current.current.channel && json !== current.current.json) restore(changed, body);
          },
          () => undefined,
        );
      }),
    [threadId, restore, typingHere],
  );

  // At once when the thread closes (a switch) or the page goes away (reload, tab closed).
  useEffect(() => {
    const flush = (keepalive: boolean) => {
      if (loaded.current) save(current.current.channel, current.current.draft, keepalive);
    };
    const onHide = () => flush(true);
    window.addEventListener("pagehide", onHide);
    return () => {
      window.removeEventListener("pagehide", onHide);
      flush(true);
    };
  }, [save]);

  return {
    /** After a send: the server cleared this channel's draft; clear it again in case a save raced it. */
    sent: (sentOn: Channel) => {
      serverHas.current.set(sentOn, "sent");
      save(sentOn, { text: "" });
    },
  };
}

function normalise(body: DraftBody): DraftBody {
  return {
    text: body.text,
    ...(body.template ? { template: body.template } : {}),
    ...(body.attachment ? { attachment: body.attachment } : {}),
  };
}
