import type { ThreadRow } from "@contract/threads";
import { useEffect } from "react";

export const COMPOSER_INPUT_ID = "composer-input";

/** j / k move through the inbox, r jumps to the reply box, x ticks the focused row; never while typing. */
export function useInboxKeys(input: {
  threads: ThreadRow[];
  selectedId?: number;
  select: (id: number) => void;
  toggleCheck?: (id: number) => void;
}) {
  const { threads, selectedId, select, toggleCheck } = input;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      const index = threads.findIndex((t) => t.id === selectedId);
      if (event.key === "j" || event.key === "k") {
        const next = threads[event.key === "j" ? index + 1 : Math.max(0, index - 1)];
        if (next) {
          event.preventDefault();
          select(next.id);
          document.getElementById(`thread-row-${next.id}`)?.focus();
        }
      } else if (event.key === "x" && toggleCheck) {
        const focused = document.activeElement?.closest("[data-thread-id]")?.getAttribute("data-thread-id");
        const id = Number(focused) || selectedId;
        if (!id) return;
        event.preventDefault();
        toggleCheck(id);
      } else if (event.key === "r" && selectedId) {
        event.preventDefault();
        document.getElementById(COMPOSER_INPUT_ID)?.focus();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [threads, selectedId, select, toggleCheck]);
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}
