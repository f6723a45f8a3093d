import type { StaffProfile } from "@contract/auth";
import type { CannedReplyDto } from "@contract/canned-replies";
import { CANNED_REPLY_VARIABLES } from "@contract/canned-reply-variables";
import type { PropertyDto } from "@contract/properties";
import { useCannedReplies, useCannedReplyActions } from "@web/composer/canned-replies-api";
import { type FormEvent, useEffect, useState } from "react";
import { AdminTopbar } from "./admin-topbar";
import { usePropertyNames } from "./staff-api";
import "./canned-replies-page.css";

type Values = { propertyId: number | null; title: string; shortcut: string; texts: Array<[string, string]> };

/**
 * Canned replies for managers (their properties) and admins (any property, and chain-wide ones). The
 * server decides; this page shows its refusals (an unknown {{variable}}, a shortcut already taken).
 */
export function CannedRepliesPage({ user }: { user: StaffProfile }) {
  const list = useCannedReplies();
  const properties = usePropertyNames().data ?? [];
  const actions = useCannedReplyActions();
  const [adding, setAdding] = useState(false);
  const [editingId, setEditingId] = useState<number | undefined>();
  const [error, setError] = useState<string | undefined>();
  const isAdmin = user.role === "ADMIN";
  const mayEdit = (r: CannedReplyDto) =>
    isAdmin || (r.propertyId !== null && user.properties.some((p) => p.id === r.propertyId));

  useEffect(() => {
    document.title = "Canned replies · commhub";
  }, []);

  const run = async (action: () => Promise<void>) => {
    setError(undefined);
    try {
      await action();
      return true;
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      return false;
    }
  };
  const scopeName = (propertyId: number | null) =>
    propertyId === null
      ? "All properties"
      : (properties.find((p) => p.id === propertyId)?.name ?? `Property #${propertyId}`);
  const firstScope = isAdmin ? null : (user.properties[0]?.id ?? null);

  return (
    <div className="hub staff-admin">
      <AdminTopbar screen="Canned replies" />
      <main className="staff-main">
        <div className="staff-heading">
          <h1>Canned replies</h1>
          <button type="button" className="button primary" onClick={() => setAdding(!adding)}>
            {adding ? "Close" : "Add canned reply"}
          </button>
        </div>
        <p className="subtle">
          Staff type <kbd>/</kbd> and the shortcut in the message box. Variables filled from the thread:{" "}
          {CANNED_REPLY_VARIABLES.map((v) => `{{${v}}}`).join(", ")}.
        </p>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {adding && (
          <CannedReplyForm
            title="New canned reply"
            scopes={scopes(isAdmin, properties, user)}
            initial={{ propertyId: firstScope, title: "", shortcut: "", texts: [["en", ""]] }}
            submitLabel="Create"
            onCancel={() => setAdding(false)}
            onSubmit={async (values) => {
              if (await run(() => actions.create({ ...values, texts: Object.fromEntries(values.texts) })))
                setAdding(false);
            }}
          />
        )}
        {list.isPending && <p className="subtle">Loading canned replies…</p>}
        {list.isError && (
          <p className="form-error" role="alert">
            {list.error.message}
          </p>
        )}
        {list.data?.length === 0 && <p className="subtle">No canned replies yet.</p>}
        <ul className="staff-list" aria-label="Canned replies">
          {(list.data ?? []).map((reply) => (
            <li key={reply.id} className="staff-row">
              <div className="staff-who">
                <strong>
                  <span className="canned-admin-shortcut">/{reply.shortcut}</span> {reply.title}
                </strong>
                <span className="subtle">{Object.values(reply.texts)[0]}</span>
              </div>
              <div className="staff-facts">
                <span>{scopeName(reply.propertyId)}</span>
                <span>{Object.keys(reply.texts).join(", ")}</span>
                <span>
                  Used {reply.usageCount} time{reply.usageCount === 1 ? "" : "s"}
                </span>
              </div>
              {mayEdit(reply) ? (
                <div className="staff-actions">
                  <button
                    type="button"
                    className="button small"
                    aria-label={`Edit /${reply.shortcut}`}
                    onClick={() => setEditingId(reply.id)}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    className="button small"
                    aria-label={`Delete /${reply.shortcut}`}
                    onClick={() =>
                      void run(async () => {
                        if (window.confirm(`Delete the canned reply /${reply.shortcut}?`))
                          await actions.remove(reply.id);
                      })
                    }
                  >
                    Delete
                  </button>
                </div>
              ) : (
                <div className="staff-actions subtle">Set by an administrator</div>
              )}
              {editingId === reply.id && (
                <CannedReplyForm
                  title={`Edit /${reply.shortcut}`}
                  scopes={[{ id: reply.propertyId, name: scopeName(reply.propertyId) }]}
                  initial={{
                    propertyId: reply.propertyId,
                    title: reply.title,
                    shortcut: reply.shortcut,
                    texts: Object.entries(reply.texts),
                  }}
                  submitLabel="Save"
                  onCancel={() => setEditingId(undefined)}
                  onSubmit={async ({ propertyId: _fixed, texts, ...values }) => {
                    const saved = await run(() =>
                      actions.update(reply.id, { ...values, texts: Object.fromEntries(texts) }),
                    );
                    if (saved) setEditingId(undefined);
                  }}
                />
              )}
            </li>
          ))}
        </ul>
      </main>
    </div>
  );
}

function scopes(isAdmin: boolean, properties: PropertyDto[], user: StaffProfile) {
  const own = isAdmin ? properties : properties.filter((p) => user.properties.some((u) => u.id === p.id));
  return [
    ...(isAdmin ? [{ id: null, name: "All properties (chain-wide)" }] : []),
    ...own.map((p) => ({ id: p.id as number | null, name: p.name })),
  ];
}

function CannedReplyForm(props: {
  title: string;
  scopes: Array<{ id: number | null; name: string }>;
  initial: Values;
  submitLabel: string;
  onCancel: () => void;
  onSubmit: (values: Values) => Promise<void>;
}) {
  const [propertyId, setPropertyId] = useState(props.initial.propertyId);
  const [title, setTitle] = useState(props.initial.title);
  const [shortcut, setShortcut] = useState(props.initial.shortcut);
  const [texts, setTexts] = useState(props.initial.texts);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    await props.onSubmit({
      propertyId,
      title,
      shortcut,
      texts: texts.filter(([l, t]) => l.trim() && t.trim()),
    });
    setBusy(false);
  };
  const setText = (index: number, entry: [string, string]) =>
    setTexts(texts.map((old, i) => (i === index ? entry : old)));
  return (
    <form className="staff-form" onSubmit={submit} aria-label={props.title}>
      <h2>{props.title}</h2>
      <label className="field">
        Used at
        <select
          value={propertyId ?? ""}
          disabled={props.scopes.length < 2}
          onChange={(e) => setPropertyId(e.target.value ? Number(e.target.value) : null)}
        >
          {props.scopes.map((s) => (
            <option key={s.id ?? "all"} value={s.id ?? ""}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        Title
        <input required maxLength={120} value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label className="field">
        Shortcut (letters, digits, - and _)
        <input
          required
          pattern="[a-zA-Z0-9_\-]{1,40}"
          value={shortcut}
          onChange={(e) => setShortcut(e.target.value)}
        />
      </label>
      {texts.map(([language, text], index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a row is its position; the language code is being typed
        <fieldset key={index} className="canned-admin-text">
          <legend>Text {index + 1}</legend>
          <label className="field">
            Language code
            <input
              required
              maxLength={12}
              value={language}
              onChange={(e) => setText(index, [e.target.value, text])}
            />
          </label>
          <label className="field">
            Text
            <textarea
              required
              rows={3}
              value={text}
              onChange={(e) => setText(index, [language, e.target.value])}
            />
          </label>
          {texts.length > 1 && (
            <button
              type="button"
              className="button small"
              onClick={() => setTexts(texts.filter((_, i) => i !== index))}
            >
              Remove language {language}
            </button>
          )}
        </fieldset>
      ))}
      <div className="staff-form-actions">
        <button type="button" className="button small" onClick={() => setTexts([...texts, ["", ""]])}>
          Add a language
        </button>
      </div>
      <div className="staff-form-actions">
        <button type="submit" className="button primary" disabled={busy}>
          {props.submitLabel}
        </button>
        <button type="button" className="button ghost" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
