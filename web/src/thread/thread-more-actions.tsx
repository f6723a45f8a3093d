import type { StaffProfile } from "@contract/auth";
import type { AssignThreadBody, ThreadDetailResponse } from "@contract/threads";
import { useThreadAction } from "@web/api/threads";
import { type KeyboardEvent, useEffect, useRef, useState } from "react";
import { ActionMenu, type MenuAction } from "./action-menu";
import { AssigneeField, MovePropertyForm } from "./handover-controls";
import { SnoozeForm } from "./snooze-form";
import { LabelsForm, PriorityField } from "./thread-tags";

type Thread = ThreadDetailResponse["thread"];
type PanelKind = "assign" | "snooze" | "labels" | "priority" | "move";

const PANEL_TITLES: Record<PanelKind, string> = {
  assign: "Assign",
  snooze: "Snooze",
  labels: "Labels",
  priority: "Priority",
  move: "Move to another property",
};

type Props = { thread: Thread; user: StaffProfile; onMarkedUnread: () => void };

/**
 * The thread's secondary actions in one menu. Those that need a choice open a small panel over the
 * timeline (Escape or Close puts focus back on the menu button); the others act at once.
 */
export function ThreadMoreActions({ thread, user, onMarkedUnread }: Props) {
  const [panel, setPanel] = useState<PanelKind | undefined>();
  const menuButton = useRef<HTMLButtonElement>(null);
  const assign = useThreadAction<AssignThreadBody>(thread.id, "assign");
  const markUnread = useThreadAction<undefined>(thread.id, "unread");
  const error = assign.error ?? markUnread.error;

  const actions: MenuAction[] = [
    ...(thread.assignee?.id === user.id
      ? []
      : [
          {
            id: "assign-me",
            label: "Assign to me",
            disabled: assign.isPending,
            onSelect: () => assign.mutate({ staffUserId: user.id }),
          },
        ]),
    { id: "assign", label: "Assign to…", onSelect: () => setPanel("assign") },
    { id: "snooze", label: "Snooze…", onSelect: () => setPanel("snooze") },
    { id: "labels", label: "Labels…", onSelect: () => setPanel("labels") },
    { id: "priority", label: "Priority…", onSelect: () => setPanel("priority") },
    ...(user.role === "AGENT" || !thread.property
      ? []
      : [{ id: "move", label: "Move to…", onSelect: () => setPanel("move") }]),
    {
      id: "unread",
      label: "Mark as unread",
      disabled: markUnread.isPending,
      onSelect: () => markUnread.mutate(undefined, { onSuccess: onMarkedUnread }),
    },
  ];

  const closePanel = () => {
    setPanel(undefined);
    menuButton.current?.focus();
  };

  return (
    <>
      <ActionMenu label="More actions" actions={actions} buttonRef={menuButton} />
      {panel && (
        <ActionPanel title={PANEL_TITLES[panel]} onClose={closePanel}>
          {panel === "assign" && <AssigneeField thread={thread} user={user} />}
          {panel === "snooze" && (
            <SnoozeForm threadId={thread.id} timeZone={thread.timeZone} onDone={closePanel} />
          )}
          {panel === "labels" && <LabelsForm thread={thread} user={user} />}
          {panel === "priority" && <PriorityField thread={thread} />}
          {panel === "move" && <MovePropertyForm thread={thread} onDone={closePanel} />}
        </ActionPanel>
      )}
      {error && (
        <p className="form-error thread-action-error" role="alert">
          {error.message}
        </p>
      )}
    </>
  );
}

function ActionPanel({
  title,
  onClose,
  children,
}: {
  title: string;
  onClose: () => void;
  children: React.ReactNode;
}) {
  const root = useRef<HTMLElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    root.current?.querySelector<HTMLElement>("input, select, button:not(.panel-close)")?.focus();
    // A control that was disabled while saving dropped focus to the page: Escape still closes the panel.
    const escapeFromPage = (e: globalThis.KeyboardEvent) => {
      if (e.key === "Escape" && document.activeElement === document.body) {
        e.preventDefault();
        e.stopImmediatePropagation();
        close.current();
      }
    };
    document.addEventListener("keydown", escapeFromPage, true);
    return () => document.removeEventListener("keydown", escapeFromPage, true);
  }, []);
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== "Escape") return;
    e.preventDefault();
    e.stopPropagation();
    onClose();
  };
  return (
    <section className="thread-action-panel" aria-label={title} ref={root} onKeyDown={onKey}>
      <header>
        <h3>{title}</h3>
        <button
          type="button"
          className="button ghost icon-button panel-close"
          aria-label="Close"
          onClick={onClose}
        >
          ✕
        </button>
      </header>
      {children}
    </section>
  );
}
