import type { StaffProfile } from "@contract/auth";
import { LABEL_COLORS, type LabelColor, THREAD_PRIORITIES, type ThreadPriority } from "@contract/labels";
import type { ThreadDetailResponse } from "@contract/threads";
import {
  PRIORITY_LABELS,
  useChangeThreadLabel,
  useCreateLabel,
  useLabels,
  useSetThreadPriority,
} from "@web/inbox/labels-api";
import { useState } from "react";

type Thread = ThreadDetailResponse["thread"];

/** The thread's priority, changed from the header's "More actions". */
export function PriorityField({ thread }: { thread: Thread }) {
  const priority = useSetThreadPriority(thread.id);
  return (
    <>
      <label className="stacked-field">
        Priority
        <select
          data-testid="thread-priority"
          value={thread.priority}
          onChange={(e) => priority.mutate(e.target.value as ThreadPriority)}
        >
          {THREAD_PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {PRIORITY_LABELS[p]}
            </option>
          ))}
        </select>
      </label>
      {priority.error && (
        <p className="form-error" role="alert">
          {priority.error.message}
        </p>
      )}
    </>
  );
}

/** The thread's labels, ticked on and off; managers and admins can make new labels. */
export function LabelsForm({ thread, user }: { thread: Thread; user: StaffProfile }) {
  const change = useChangeThreadLabel(thread.id);
  const create = useCreateLabel();
  const all = useLabels().data?.labels ?? [];
  const own = all.filter((l) => l.propertyId === thread.property?.id);
  const on = new Set(thread.labels.map((l) => l.id));
  const [name, setName] = useState("");
  const [color, setColor] = useState<LabelColor>("blue");
  const canManage = user.role === "ADMIN" || user.role === "MANAGER";
  const error = change.error ?? create.error;

  return (
    <section className="labels-form" aria-label="Labels of this conversation">
      {own.length === 0 && <p className="small">This property has no labels yet.</p>}
      <ul>
        {own.map((l) => (
          <li key={l.id}>
            <label className="check">
              <input
                type="checkbox"
                checked={on.has(l.id)}
                disabled={change.isPending}
                onChange={(e) => change.mutate({ labelId: l.id, add: e.target.checked })}
              />
              <span
                className="label-swatch"
                style={{ background: LABEL_COLORS[l.color] }}
                aria-hidden="true"
              />
              {l.name}
            </label>
          </li>
        ))}
      </ul>
      {canManage && (
        <form
          className="new-label"
          onSubmit={(e) => {
            e.preventDefault();
            const propertyId = thread.property?.id;
            if (!propertyId || !name.trim()) return;
            create.mutate(
              { propertyId, name: name.trim(), color },
              {
                onSuccess: ({ label }) => {
                  setName("");
                  change.mutate({ labelId: label.id, add: true });
                },
              },
            );
          }}
        >
          <label>
            New label
            <input value={name} maxLength={40} onChange={(e) => setName(e.target.value)} />
          </label>
          <label>
            Colour
            <select value={color} onChange={(e) => setColor(e.target.value as LabelColor)}>
              {Object.keys(LABEL_COLORS).map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button" disabled={create.isPending}>
            Add
          </button>
        </form>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      )}
    </section>
  );
}
