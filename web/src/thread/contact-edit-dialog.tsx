import type { ThreadDetailResponse } from "@contract/threads";
import { useQueryClient } from "@tanstack/react-query";
import { ApiError, apiPatch } from "@web/api/http-client";
import { invalidateThread } from "@web/api/threads";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";

type Contact = ThreadDetailResponse["contact"];

/** Edits the guest's name, email, language and notes; only what changed is sent. */
export function ContactEditDialog(props: { contact: Contact; threadId: number; onClose: () => void }) {
  const { contact, threadId, onClose } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const client = useQueryClient();
  const [name, setName] = useState(contact.name ?? "");
  const [email, setEmail] = useState(contact.email ?? "");
  const [language, setLanguage] = useState(contact.language ?? "");
  const [notes, setNotes] = useState(contact.notes ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const changes: Record<string, string | null> = {};
    const put = (field: string, value: string, before: string | null) => {
      if (value.trim() !== (before ?? "")) changes[field] = value.trim() || null;
    };
    put("name", name, contact.name);
    put("email", email, contact.email);
    put("language", language, contact.language);
    put("notes", notes, contact.notes);
    if (Object.keys(changes).length === 0) return onClose();
    setBusy(true);
    setError(undefined);
    try {
      await apiPatch(`/api/contacts/${contact.id}`, changes);
      invalidateThread(client, threadId);
      onClose();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "The contact could not be saved.");
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} className="dialog contact-dialog" aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId}>Edit contact</h2>
      <form onSubmit={submit} className="contact-form">
        <label className="field">
          Name
          <input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          Email
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label className="field">
          Language <span className="contact-hint">a code such as en, hi or pt-br; canned replies use it</span>
          <input value={language} maxLength={12} onChange={(e) => setLanguage(e.target.value)} />
        </label>
        <label className="field">
          Notes <span className="contact-hint">for staff only</span>
          <textarea value={notes} maxLength={2000} rows={4} onChange={(e) => setNotes(e.target.value)} />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="contact-form-actions">
          <button type="submit" className="button primary" disabled={busy}>
            Save
          </button>
          <button type="button" className="button ghost" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
