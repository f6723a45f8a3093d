import { useAssignableStaff } from "@web/api/handover";
import { useThreadAction } from "@web/api/threads";
import { type FormEvent, type KeyboardEvent, useState } from "react";
import "./mentions.css";
import { leaveComposer } from "./leave-composer";

const MENTION_LIST_ID = "mention-list";
const mentionOptionId = (id: number) => `mention-option-${id}`;

type Props = { threadId: number };

/**
 * A private note: only staff see it. `@` offers the property's active colleagues (arrows, Enter or
 * Tab to pick, Escape to close); whoever is still named `@Name` when the note is saved is mentioned.
 * Ctrl+Enter saves.
 */
export function NoteForm({ threadId }: Props) {
  const [note, setNote] = useState("");
  const [chosen, setChosen] = useState<Map<number, string>>(new Map());
  const [at, setAt] = useState<{ start: number; end: number; query: string } | undefined>();
  const [active, setActive] = useState(0);
  const addNote = useThreadAction<{ body: string; mentionedStaffIds?: number[] }>(threadId, "notes");
  const colleagues = useAssignableStaff(threadId).data?.staff ?? [];
  const matches = at
    ? colleagues.filter((s) => s.name.toLowerCase().includes(at.query.toLowerCase())).slice(0, 8)
    : [];
  const activeMatch = matches[Math.min(active, matches.length - 1)];

  const saveNote = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!note.trim() || addNote.isPending) return;
    const mentionedStaffIds = [...chosen].filter(([, name]) => note.includes(`@${name}`)).map(([id]) => id);
    await addNote.mutateAsync({ body: note, ...(mentionedStaffIds.length && { mentionedStaffIds }) }).then(
      () => {
        setNote("");
        setChosen(new Map());
      },
      () => undefined,
    );
  };

  const trackAt = (value: string, caret: number) => {
    const match = /(^|\s)@([^\s@]*)$/.exec(value.slice(0, caret));
    if (!match) return setAt(undefined);
    setAt({ start: caret - (match[2]?.length ?? 0) - 1, end: caret, query: match[2] ?? "" });
    setActive(0);
  };

  const choose = (staff: { id: number; name: string }, input: HTMLTextAreaElement | null) => {
    if (!at) return;
    const inserted = `@${staff.name} `;
    setNote(note.slice(0, at.start) + inserted + note.slice(at.end));
    setChosen(new Map(chosen).set(staff.id, staff.name));
    setAt(undefined);
    const caret = at.start + inserted.length;
    requestAnimationFrame(() => {
      input?.focus();
      input?.setSelectionRange(caret, caret);
    });
  };

  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (at && matches.length > 0) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        const index = activeMatch ? matches.indexOf(activeMatch) : 0;
        setActive((index + (e.key === "ArrowDown" ? 1 : -1) + matches.length) % matches.length);
        return;
      }
      if ((e.key === "Enter" || e.key === "Tab") && !e.ctrlKey && !e.metaKey && activeMatch) {
        e.preventDefault();
        choose(activeMatch, e.currentTarget);
        return;
      }
    }
    if (at && e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      setAt(undefined);
      return;
    }
    if (e.key === "Escape") {
      e.preventDefault();
      leaveComposer(e.currentTarget);
      return;
    }
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) void saveNote();
  };

  const listOpen = at !== undefined && matches.length > 0;
  return (
    <form className="composer-body note-mode" onSubmit={saveNote}>
      <label className="visually-hidden" htmlFor="note-input">
        Private note
      </label>
      <textarea
        id="note-input"
        placeholder="Only staff see notes. The guest never does. @ to mention a colleague, Ctrl+Enter to save."
        value={note}
        rows={3}
        role="combobox"
        aria-expanded={listOpen}
        aria-autocomplete="list"
        aria-controls={listOpen ? MENTION_LIST_ID : undefined}
        aria-activedescendant={listOpen && activeMatch ? mentionOptionId(activeMatch.id) : undefined}
        onChange={(e) => {
          setNote(e.target.value);
          trackAt(e.target.value, e.target.selectionStart);
        }}
        onBlur={() => setAt(undefined)}
        onKeyDown={onKey}
      />
      {listOpen && (
        <div className="mention-list" role="listbox" id={MENTION_LIST_ID} aria-label="Mention a colleague">
          {matches.map((s) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the note box handles the keys (aria-activedescendant)
            <div
              key={s.id}
              id={mentionOptionId(s.id)}
              role="option"
              tabIndex={-1}
              aria-selected={s.id === activeMatch?.id}
              className={s.id === activeMatch?.id ? "mention-option active" : "mention-option"}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(s, document.getElementById("note-input") as HTMLTextAreaElement | null)}
            >
              {s.name}
              {s.isAvailable ? "" : <span className="subtle small"> · away</span>}
            </div>
          ))}
        </div>
      )}
      {addNote.isError && (
        <p className="form-error" role="alert">
          {addNote.error.message}
        </p>
      )}
      <div className="composer-footer">
        <span className="subtle small">Visible to staff only</span>
        <button type="submit" className="button note-button" disabled={!note.trim() || addNote.isPending}>
          Add note
        </button>
      </div>
    </form>
  );
}
