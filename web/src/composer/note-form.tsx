import { useThreadAction } from "@web/api/threads";
import { type FormEvent, useState } from "react";

/** A private note: only staff see it. */
export function NoteForm({ threadId }: { threadId: number }) {
  const [note, setNote] = useState("");
  const addNote = useThreadAction<{ body: string }>(threadId, "notes");
  const saveNote = async (event: FormEvent) => {
    event.preventDefault();
    if (!note.trim()) return;
    await addNote.mutateAsync({ body: note }).then(
      () => setNote(""),
      () => undefined,
    );
  };
  return (
    <form className="composer-body note-mode" onSubmit={saveNote}>
      <label className="visually-hidden" htmlFor="note-input">
        Private note
      </label>
      <textarea
        id="note-input"
        placeholder="Only staff see notes. The guest never does."
        value={note}
        rows={3}
        onChange={(e) => setNote(e.target.value)}
      />
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
