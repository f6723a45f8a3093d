import type { StaffProfile } from "@contract/auth";
import type { AssignThreadBody, ThreadDetail } from "@contract/threads";
import { useAssignableStaff, useMoveThread } from "@web/api/handover";
import { useProperties, useThreadAction } from "@web/api/threads";
import { useState } from "react";
import type { z } from "zod";
import "./handover-controls.css";

type Thread = z.infer<typeof ThreadDetail>;

/** The assignee picker: the thread's property's staff, by name, "away" when off shift. */
export function AssigneeField({ thread, user }: { thread: Thread; user: StaffProfile }) {
  const assign = useThreadAction<AssignThreadBody>(thread.id, "assign");
  const staff = useAssignableStaff(thread.id).data?.staff ?? [];
  const assignee = thread.assignee;
  return (
    <>
      <label className="stacked-field">
        Assignee
        <select
          value={assignee?.id ?? ""}
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
      {assign.error && (
        <p className="form-error handover-error" role="alert">
          {assign.error.message}
        </p>
      )}
    </>
  );
}

/** Managers and admins: "Move to…" another property they can see; `onDone` once moved. */
export function MovePropertyForm({ thread, onDone }: { thread: Thread; onDone: () => void }) {
  const move = useMoveThread(thread.id);
  const properties = (useProperties().data?.properties ?? []).filter((p) => p.id !== thread.property?.id);
  const [target, setTarget] = useState("");
  return (
    <form
      className="move-property-form"
      aria-label="Move to another property"
      onSubmit={(e) => {
        e.preventDefault();
        const propertyId = Number(target);
        if (!propertyId) return;
        move.mutate({ propertyId }, { onSuccess: onDone });
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
  );
}
