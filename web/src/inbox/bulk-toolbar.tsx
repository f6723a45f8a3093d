import type { StaffProfile } from "@contract/auth";
import { THREAD_PRIORITIES } from "@contract/labels";
import type { BulkThreadAction, BulkThreadsResponse } from "@contract/thread-bulk";
import { type InboxFilters, useStaff } from "@web/api/threads";
import { useState } from "react";
import { bulkFilter, PRIORITY_LABELS, useBulkAction, useLabels } from "./labels-api";

type Props = {
  user: StaffProfile;
  filters: InboxFilters;
  /** Ticked rows, or "all" for every thread matching the filter (across pages). */
  selection: number[] | "all";
  onSelectAllMatching: () => void;
  onClear: () => void;
};

const PAST: Record<BulkThreadAction["action"], string> = {
  assign: "assigned",
  transfer: "transferred",
  resolve: "resolved",
  reopen: "reopened",
  snooze: "snoozed",
  "label-add": "labelled",
  "label-remove": "unlabelled",
  priority: "updated",
  "mark-read": "marked read",
  "mark-unread": "marked unread",
};

const SNOOZE_HOURS = [1, 4, 24];

/** "48 resolved, 2 not allowed": what a bulk action did, told by outcome. */
export function describeOutcome(action: BulkThreadAction["action"], out: BulkThreadsResponse): string {
  const ok = out.results.filter((r) => r.ok).length;
  const denied = out.results.filter(
    (r) => r.error?.code === "NOT_FOUND" || r.error?.code === "FORBIDDEN",
  ).length;
  const failed = out.results.length - ok - denied;
  const parts = [`${ok} ${PAST[action]}`];
  if (denied) parts.push(`${denied} not allowed`);
  if (failed) parts.push(`${failed} failed`);
  if (out.truncated) parts.push("only the first 500 matching were changed");
  return parts.join(", ");
}

/** The actions over the ticked threads; shown while at least one is ticked. */
export function BulkToolbar({ user, filters, selection, onSelectAllMatching, onClear }: Props) {
  const bulk = useBulkAction();
  const labels = useLabels().data?.labels ?? [];
  const staff = (useStaff({ enabled: user.role !== "AGENT" }).data?.staff ?? []).filter((s) => s.isActive);
  const [outcome, setOutcome] = useState<string | null>(null);
  const all = selection === "all";
  const count = all ? null : selection.length;

  const run = (action: BulkThreadAction) => {
    const target = all ? { filter: bulkFilter(filters) } : { threadIds: selection };
    setOutcome(null);
    bulk.mutate(
      { ...target, ...action },
      {
        onSuccess: (out) => {
          setOutcome(describeOutcome(action.action, out));
          onClear();
        },
        onError: (err) => setOutcome(`Nothing changed: ${err.message}`),
      },
    );
  };
  const busy = bulk.isPending;

  return (
    <section className="bulk-toolbar" aria-label="Bulk actions" data-testid="bulk-toolbar">
      {(all || (count ?? 0) > 0) && (
        <>
          <p className="bulk-count">
            {all ? "All matching conversations selected" : `${count} selected`}
            {!all && (
              <button type="button" className="link-button" onClick={onSelectAllMatching}>
                Select all matching
              </button>
            )}
            <button type="button" className="link-button" onClick={onClear}>
              Clear
            </button>
          </p>
          <div className="bulk-actions">
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => run({ action: "resolve" })}
            >
              Resolve
            </button>
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => run({ action: "reopen" })}
            >
              Reopen
            </button>
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => run({ action: "mark-read" })}
            >
              Mark read
            </button>
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => run({ action: "mark-unread" })}
            >
              Mark unread
            </button>
            <select
              aria-label="Snooze selected"
              value=""
              disabled={busy}
              onChange={(e) => {
                const hours = Number(e.target.value);
                const until = hours ? new Date(Date.now() + hours * 3_600_000).toISOString() : null;
                run({ action: "snooze", params: { snoozedUntil: until } });
              }}
            >
              <option value="">Snooze…</option>
              <option value="0">Until the guest writes</option>
              {SNOOZE_HOURS.map((h) => (
                <option key={h} value={h}>
                  For {h} hour{h > 1 ? "s" : ""}
                </option>
              ))}
            </select>
            <select
              aria-label="Assign selected"
              value=""
              disabled={busy}
              onChange={(e) => {
                const v = e.target.value;
                run({ action: "assign", params: { staffUserId: v === "none" ? null : Number(v) } });
              }}
            >
              <option value="">Assign…</option>
              <option value={user.id}>Me</option>
              <option value="none">Unassigned</option>
              {staff
                .filter((s) => s.id !== user.id)
                .map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
            </select>
            <select
              aria-label="Label selected"
              value=""
              disabled={busy || labels.length === 0}
              onChange={(e) => {
                const [op, id] = e.target.value.split(":");
                run({ action: op === "add" ? "label-add" : "label-remove", params: { labelId: Number(id) } });
              }}
            >
              <option value="">Label…</option>
              <optgroup label="Add">
                {labels.map((l) => (
                  <option key={l.id} value={`add:${l.id}`}>
                    Add {l.name}
                  </option>
                ))}
              </optgroup>
              <optgroup label="Remove">
                {labels.map((l) => (
                  <option key={l.id} value={`remove:${l.id}`}>
                    Remove {l.name}
                  </option>
                ))}
              </optgroup>
            </select>
            <select
              aria-label="Priority of selected"
              value=""
              disabled={busy}
              onChange={(e) =>
                run({
                  action: "priority",
                  params: { priority: e.target.value as (typeof THREAD_PRIORITIES)[number] },
                })
              }
            >
              <option value="">Priority…</option>
              {THREAD_PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {PRIORITY_LABELS[p]}
                </option>
              ))}
            </select>
          </div>
        </>
      )}
      <p className="bulk-outcome" role="status" data-testid="bulk-outcome">
        {busy ? "Working…" : outcome}
      </p>
    </section>
  );
}
