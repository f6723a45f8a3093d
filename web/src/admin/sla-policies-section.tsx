import { type ThreadChannel, ThreadChannel as ThreadChannels } from "@contract/channels";
import { THREAD_PRIORITIES, type ThreadPriority } from "@contract/labels";
import type { PropertyDto } from "@contract/properties";
import type { SlaPoliciesResponse, SlaPolicy } from "@contract/sla";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiGet, apiPut } from "@web/api/http-client";
import { CHANNEL_LABELS } from "@web/app/format";
import { useEffect, useState } from "react";
import "./sla-policies-section.css";

type Row = {
  key: number;
  channel: ThreadChannel | "";
  priority: ThreadPriority | "";
  first: string;
  next: string;
  resolution: string;
  pause: boolean;
};

const TARGETS = [
  ["first", "First reply within (minutes)"],
  ["next", "Each next reply within (minutes)"],
  ["resolution", "Resolved within (minutes)"],
] as const;

let keys = 0;
const minutes = (seconds: number | null) =>
  seconds === null ? "" : String(Math.round((seconds / 60) * 100) / 100);
const seconds = (text: string) => (text.trim() === "" ? null : Math.round(Number(text) * 60));
const toRow = (p: SlaPolicy): Row => ({
  key: ++keys,
  channel: p.channel ?? "",
  priority: p.priority ?? "",
  first: minutes(p.firstResponseSeconds),
  next: minutes(p.nextResponseSeconds),
  resolution: minutes(p.resolutionSeconds),
  pause: p.pauseWhileSnoozed,
});
const toPolicy = (r: Row): SlaPolicy => ({
  channel: r.channel || null,
  priority: r.priority || null,
  firstResponseSeconds: seconds(r.first),
  nextResponseSeconds: seconds(r.next),
  resolutionSeconds: seconds(r.resolution),
  pauseWhileSnoozed: r.pause,
});
const blank = (): Row => ({
  key: ++keys,
  channel: "",
  priority: "",
  first: "",
  next: "",
  resolution: "",
  pause: true,
});

/**
 * A property's response-time targets on the Properties screen: the default and any per channel or
 * priority (the most specific applies), in minutes of the property's business hours.
 */
export function SlaPoliciesSection({ property, canEdit }: { property: PropertyDto; canEdit: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="sla-section property-setting" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Response-time targets (SLA)</summary>
      {open && <SlaPoliciesEditor property={property} canEdit={canEdit} />}
    </details>
  );
}

function SlaPoliciesEditor({ property, canEdit }: { property: PropertyDto; canEdit: boolean }) {
  const url = `/api/properties/${property.id}/sla-policies`;
  const client = useQueryClient();
  const query = useQuery({
    queryKey: ["sla-policies", property.id],
    queryFn: () => apiGet<SlaPoliciesResponse>(url),
  });
  const [rows, setRows] = useState<Row[]>();
  useEffect(() => {
    if (query.data && !rows) setRows(query.data.policies.map(toRow));
  }, [query.data, rows]);
  const save = useMutation({
    mutationFn: (policies: SlaPolicy[]) => apiPut<SlaPoliciesResponse>(url, { policies }),
    onSuccess: (res) => {
      client.setQueryData(["sla-policies", property.id], res);
      setRows(res.policies.map(toRow));
    },
  });
  if (query.error)
    return (
      <p className="form-error" role="alert">
        {query.error.message}
      </p>
    );
  if (!rows) return <p className="subtle">Loading targets…</p>;
  const change = (key: number, patch: Partial<Row>) =>
    setRows(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return (
    <form
      className="sla-editor"
      aria-label={`Response-time targets of ${property.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(rows.map(toPolicy));
      }}
    >
      <p className="subtle">
        Counted in the property's business hours when it keeps them. Leave a target empty not to measure it.
      </p>
      {rows.length === 0 && <p className="subtle">No targets: threads of this property are not timed.</p>}
      {rows.map((r, i) => (
        <fieldset key={r.key} className="sla-rule" disabled={!canEdit}>
          <legend>{r.channel || r.priority ? `Rule ${i + 1}` : "Default"}</legend>
          <label>
            Channel
            <select
              value={r.channel}
              onChange={(e) => change(r.key, { channel: e.target.value as Row["channel"] })}
            >
              <option value="">Any channel</option>
              {ThreadChannels.options.map((c) => (
                <option key={c} value={c}>
                  {CHANNEL_LABELS[c]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Priority
            <select
              value={r.priority}
              onChange={(e) => change(r.key, { priority: e.target.value as Row["priority"] })}
            >
              <option value="">Any priority</option>
              {THREAD_PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
          {TARGETS.map(([field, label]) => (
            <label key={field}>
              {label}
              <input
                type="number"
                min="0.1"
                step="any"
                inputMode="decimal"
                value={r[field]}
                onChange={(e) => change(r.key, { [field]: e.target.value })}
              />
            </label>
          ))}
          <label className="checkbox-field">
            <input
              type="checkbox"
              checked={r.pause}
              onChange={(e) => change(r.key, { pause: e.target.checked })}
            />
            Pause while snoozed or pending
          </label>
          {canEdit && (
            <button
              type="button"
              className="button small ghost"
              onClick={() => setRows(rows.filter((x) => x.key !== r.key))}
            >
              Remove<span className="visually-hidden"> rule {i + 1}</span>
            </button>
          )}
        </fieldset>
      ))}
      {save.error && (
        <p className="form-error" role="alert">
          {save.error.message}
        </p>
      )}
      {save.isSuccess && !save.isPending && <p role="status">Targets saved.</p>}
      {canEdit && (
        <div className="sla-actions">
          <button type="button" className="button small" onClick={() => setRows([...rows, blank()])}>
            Add rule
          </button>
          <button type="submit" className="button small primary" disabled={save.isPending}>
            Save targets
          </button>
        </div>
      )}
    </form>
  );
}
