import type { StaffProfile } from "@contract/auth";
import type { AssignThreadBody, ThreadDetail } from "@contract/threads";
import { useAssignableStaff, useMoveThread } from "@web/api/handover";
import { useProperties, useThreadAction } from "@web/api/threads";
import { useState } from "react";
import type { z } from "zod";
import "./handover-controls.css";

type Props = { thread: z.infer<typeof ThreadDetail>; user: StaffProfile };

/**
 * The assignee picker (the thread's property's staff, by name, "away" when off shift), Assign to me,
 * and for managers and admins "Move to…" another property they can see.
 */
export function HandoverControls({ thread, user }: Props) {
  const assign = useThreadAction<AssignThreadBody>(thread.id, "assign");
  const staff = useAssignableStaff(thread.id).data?.staff ?? [];
  const assignee = thread.assignee;
  return (
    <>
      <label className="inline-field">
        <span className="visually-hidden">Assignee</span>
        <select
          aria-label="Assignee"
          value={assignee?.id ?? ""}
          disabled={assign.isPending}
          onChange={(e) => assign.mutate({ staffUserId: Number(e.target.value) || null })}
        >
          <option value="">Unassigned</option>
          {assignee && !staff.some((s) => s.id === assignee.id) && (
            <option value={assignee.id}>{assignee.name}</option>
          )}
          {staff.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
              {s.id === user.id ? " (me)" : ""}
              {s.isAvailable ? "" : " · away"}
            </option>
          ))}
        </select>
      </label>
      {assignee?.id !== user.id && (
        <button
          type="button"
          className="button"
          disabled={assign.isPending}
          onClick={() => assign.mutate({ staffUserId: user.id })}
        >
          Assign to me
        </button>
      )}
      {user.role !== "AGENT" && <MovePropertyPopover thread={thread} />}
      {assign.error && (
        <p className="form-error handover-error" role="alert">
          {assign.error.message}
        </p>
      )}
    </>
  );
}

function MovePropertyPopover({ thread }: { thread: Props["thread"] }) {
  const move = useMoveThread(thread.id);
  const properties = (useProperties().data?.properties ?? []).filter((p) => p.id !== thread.property?.id);
  const [open, setOpen] = useState(false);
  const [target, setTarget] = useState("");
  if (properties.length === 0) return null;
  return (
    <details className="move-property" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="button">Move to…</summary>
      <form
        className="move-property-form"
        aria-label="Move to another property"
        onSubmit={(e) => {
          e.preventDefault();
          const propertyId = Number(target);
          if (!propertyId) return;
          move.mutate(
            { propertyId },
            {
              onSuccess: () => {
                setOpen(false);
                setTarget("");
              },
            },
          );
        }}
      >
        <label>
          Property
          <select value={target} onChange={(e) => setTarget(e.target.value)} required>
            <option value="">Choose a property</option>
            {properties.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <p className="subtle small">It leaves its assignee and is dealt out by that property's rules.</p>
        <button type="submit" className="button primary" disabled={move.isPending || !target}>
          Move
        </button>
        {move.error && (
          <p className="form-error" role="alert">
            {move.error.message}
          </p>
        )}
      </form>
    </details>
  );
}
