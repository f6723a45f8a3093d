import type { Channel } from "@web/api/outbound";
import { useLocation } from "@web/app/use-location";
import { lazy, Suspense, useEffect, useState } from "react";
import {
  type NewConversationStart,
  onOpenNewConversation,
  openNewConversation,
} from "./new-conversation-context";
import "./new-conversation-host.css";

// The dialog (and the full phone metadata it validates with) loads when first opened.
const NewConversationDialog = lazy(() =>
  import("./new-conversation-dialog").then((m) => ({ default: m.NewConversationDialog })),
);

/**
 * The New conversation dialog, opened by openNewConversation(); once the conversation exists, the thread
 * opens with its composer on the channel chosen (`?channel=`).
 */
export function NewConversationHost({ defaultPropertyId }: { defaultPropertyId?: number }) {
  const [start, setStart] = useState<NewConversationStart | undefined>();
  const { navigate } = useLocation();
  useEffect(() => onOpenNewConversation(setStart), []);
  if (!start) return null;
  return (
    <Suspense fallback={null}>
      <NewConversationDialog
        start={start}
        defaultPropertyId={defaultPropertyId}
        onClose={() => setStart(undefined)}
        onStarted={(threadId: number, channel: Channel) => {
          setStart(undefined);
          navigate(`${window.location.pathname}?thread=${threadId}&channel=${channel}`);
        }}
      />
    </Suspense>
  );
}

export function NewConversationButton() {
  return (
    <div className="inbox-actions">
      <button type="button" className="button primary" onClick={() => openNewConversation()}>
        New conversation
      </button>
    </div>
  );
}

/** The channel a conversation was just started on, from the address (`?channel=`). */
export function startedChannel(params: URLSearchParams): Channel | undefined {
  const value = params.get("channel");
  return value === "WHATSAPP" || value === "SMS" ? value : undefined;
}
