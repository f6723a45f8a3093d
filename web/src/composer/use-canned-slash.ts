import type { KeyboardEvent, RefObject } from "react";
import { useState } from "react";
import { matchCannedReplies, renderCannedReply, useCannedReplies } from "./canned-replies-api";
import { cannedOptionId } from "./canned-reply-picker";

/** The "/shortcut" being typed: where its slash is and what follows it, up to the caret. */
type Slash = { start: number; end: number; query: string };

/**
 * The reply box's canned-reply picker: a "/" at the start of the text or after a space opens it, the word
 * after it filters, arrows and Enter (or a click) insert the filled reply in place of the "/word".
 */
export function useCannedSlash(input: {
  threadId: number;
  text: string;
  setText: (text: string) => void;
  box: RefObject<HTMLTextAreaElement | null>;
}) {
  const { threadId, text, setText, box } = input;
  const [slash, setSlash] = useState<Slash | undefined>();
  const [activeCanned, setActiveCanned] = useState<number | undefined>();
  const [emptyVariables, setEmptyVariables] = useState<string[]>([]);
  const [cannedError, setCannedError] = useState<string | undefined>();
  const canned = useCannedReplies(threadId, slash !== undefined);
  const matches = slash && canned.data ? matchCannedReplies(canned.data, slash.query) : undefined;
  const activeMatch = matches?.find((r) => r.id === activeCanned) ?? matches?.[0];

  const track = (value: string, caret: number) => {
    const match = /(^|\s)\/([\w-]*)$/.exec(value.slice(0, caret));
    if (!match) return setSlash(undefined);
    const query = match[2] ?? "";
    const start = caret - query.length - 1;
    // A selection event for the same "/word" (the browser's selectionchange comes late) keeps the option
    // the keyboard has moved to.
    if (slash?.start === start && slash.query === query) return;
    setSlash({ start, end: caret, query });
    setActiveCanned(undefined);
  };

  const insert = async (id: number) => {
    const at = slash;
    setSlash(undefined);
    if (!at) return;
    setCannedError(undefined);
    try {
      const filled = await renderCannedReply(id, threadId);
      setText(text.slice(0, at.start) + filled.text + text.slice(at.end));
      setEmptyVariables(filled.emptyVariables);
      const caret = at.start + filled.text.length;
      requestAnimationFrame(() => {
        box.current?.focus();
        box.current?.setSelectionRange(caret, caret);
      });
    } catch (err) {
      setCannedError(
        `The canned reply could not be filled: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  };

  /** The picker's keys while it is open; true when the key was its own. */
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!slash) return false;
    if (matches && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
      e.preventDefault();
      const index = activeMatch ? matches.indexOf(activeMatch) : -1;
      const step = e.key === "ArrowDown" ? 1 : -1;
      const next = matches[(index + step + matches.length) % matches.length];
      setActiveCanned(next?.id);
      if (next) document.getElementById(cannedOptionId(next.id))?.scrollIntoView({ block: "nearest" });
      return true;
    }
    if (matches && e.key === "Enter" && !e.ctrlKey && !e.metaKey && activeMatch) {
      e.preventDefault();
      void insert(activeMatch.id);
      return true;
    }
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      setSlash(undefined);
      return true;
    }
    return false;
  };

  return {
    slash,
    matches,
    activeMatch,
    canned,
    cannedError,
    emptyVariables,
    clearEmptyVariables: () => setEmptyVariables([]),
    track,
    close: () => setSlash(undefined),
    hover: setActiveCanned,
    insert,
    onKey,
  };
}
