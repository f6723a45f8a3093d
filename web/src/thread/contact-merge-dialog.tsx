import type { ContactDto, ContactListResponse } from "@contract/contacts";
import type { ThreadDetailResponse } from "@contract/threads";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, apiGet, apiPost } from "@web/api/http-client";
import { formatPhone } from "@web/app/phone";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";

type Contact = ThreadDetailResponse["contact"];

const describe = (c: { name: string | null; phone: string | null; email: string | null }) =>
  [c.name, formatPhone(c.phone), c.email].filter(Boolean).join(" · ") || "Unnamed guest";

/**
 * Finds a duplicate of this guest and merges it into this contact (managers and admins): the duplicate's
 * conversations, messages, calls, emails and bookings move here, after a confirmation that says so.
 */
export function ContactMergeDialog(props: { contact: Contact; onClose: () => void }) {
  const { contact, onClose } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const client = useQueryClient();
  const [search, setSearch] = useState("");
  const [term, setTerm] = useState("");
  const [other, setOther] = useState<ContactDto>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [merged, setMerged] = useState(false);
  const results = useQuery({
    queryKey: ["contact-search", term],
    enabled: term.length >= 2,
    queryFn: async () =>
      (
        await apiGet<ContactListResponse>(`/api/contacts?limit=8&search=${encodeURIComponent(term)}`)
      ).contacts.filter((c) => c.id !== contact.id && c.mergedIntoId === null),
  });

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  const find = (event: FormEvent) => {
    event.preventDefault();
    setOther(undefined);
    setTerm(search.trim());
  };

  const merge = async () => {
    if (!other) return;
    setBusy(true);
    setError(undefined);
    try {
      await apiPost(`/api/contacts/${other.id}/merge`, { intoContactId: contact.id });
      setMerged(true);
      void client.invalidateQueries();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "The contacts could not be merged.");
    } finally {
      setBusy(false);
    }
  };

  const keptName = describe(contact);
  return (
    <dialog ref={dialog} className="dialog contact-dialog" aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId}>Merge a duplicate into this contact</h2>
      {merged && other ? (
        <>
          <p role="status">
            Merged: {describe(other)} is now part of {keptName}.
          </p>
          <button type="button" className="button primary" onClick={onClose}>
            Close
          </button>
        </>
      ) : (
        <>
          <form onSubmit={find} className="contact-search">
            <label className="field">
              Find the duplicate by name, phone or email
              <input value={search} onChange={(e) => setSearch(e.target.value)} />
            </label>
            <button type="submit" className="button" disabled={search.trim().length < 2}>
              Search
            </button>
          </form>
          {results.data?.length === 0 && <p className="subtle">No other contact matches.</p>}
          {!other && results.data && results.data.length > 0 && (
            <ul className="contact-results" aria-label="Matching contacts">
              {results.data.map((c) => (
                <li key={c.id}>
                  <button type="button" className="button small" onClick={() => setOther(c)}>
                    {describe(c)}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {other && (
            <div className="merge-confirm">
              <p>
                Merge <strong>{describe(other)}</strong> into <strong>{keptName}</strong>?
              </p>
              <ul>
                <li>Their conversations, messages, calls, emails and bookings move to {keptName}.</li>
                <li>Open conversations in the same property become one.</li>
                <li>
                  {keptName} keeps its details and takes over what it lacks (email, phone, language); both
                  notes are kept, and an opt-out on either stays in force.
                </li>
                <li>Messages from the duplicate's number keep reaching {keptName}. This cannot be undone.</li>
              </ul>
            </div>
          )}
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <div className="contact-form-actions">
            {other && (
              <button type="button" className="button primary" disabled={busy} onClick={() => void merge()}>
                Merge contacts
              </button>
            )}
            <button type="button" className="button ghost" onClick={onClose}>
              Cancel
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
