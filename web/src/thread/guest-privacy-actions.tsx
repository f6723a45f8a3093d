import type { EraseContactResponse } from "@contract/privacy";
import { useQueryClient } from "@tanstack/react-query";
import { ApiError, apiPost } from "@web/api/http-client";
import { useSession } from "@web/api/session";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";

type Props = { contactId: number; guestName: string | null };

/** Admins only: download everything held about the guest, or erase them for good (with confirmation). */
export function GuestPrivacyActions({ contactId, guestName }: Props) {
  const session = useSession().data;
  const [confirming, setConfirming] = useState(false);
  if (session?.user.role !== "ADMIN") return null;
  return (
    <section aria-label="Guest data">
      <h3>Guest data</h3>
      <div className="privacy-actions">
        <a className="button small" href={`/api/contacts/${contactId}/export`} download>
          Export data
        </a>
        <button type="button" className="button small danger" onClick={() => setConfirming(true)}>
          Erase guest…
        </button>
      </div>
      {confirming && (
        <EraseGuestDialog contactId={contactId} guestName={guestName} onClose={() => setConfirming(false)} />
      )}
    </section>
  );
}

function EraseGuestDialog({ contactId, guestName, onClose }: Props & { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const inputId = useId();
  const client = useQueryClient();
  const [typed, setTyped] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<EraseContactResponse["erased"]>();
  const name = guestName?.trim();
  const matches = typed.trim() === "ERASE" || (!!name && typed.trim() === name);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!matches || busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const answer = await apiPost<EraseContactResponse>(`/api/contacts/${contactId}/erase`, {
        confirm: "ERASE",
      });
      setDone(answer.erased);
      void client.invalidateQueries();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "The guest could not be erased.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} className="dialog erase-dialog" aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId}>Erase this guest?</h2>
      {done ? (
        <p role="status">
          Erased: {done.messages} messages, {done.mediaFiles} attachments and the guest's details are gone.
          The conversation stays as an anonymous count.
        </p>
      ) : (
        <form onSubmit={submit} className="erase-form">
          <p>
            Their name, phone, email, every message text and attachment are deleted for good, in every table.
            This cannot be undone. Export the data first if the guest asked for a copy.
          </p>
          <label className="field" htmlFor={inputId}>
            {name ? `Type the guest's name (${name}) or ERASE to confirm` : "Type ERASE to confirm"}
            <input id={inputId} autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />
          </label>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <div className="privacy-actions">
            <button type="submit" className="button danger" disabled={!matches || busy}>
              {busy ? "Erasing…" : "Erase for good"}
            </button>
            <button type="button" className="button ghost" onClick={onClose}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {done && (
        <button type="button" className="button ghost" onClick={onClose}>
          Close
        </button>
      )}
    </dialog>
  );
}
