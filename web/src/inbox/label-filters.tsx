import { THREAD_PRIORITIES, type ThreadPriority } from "@contract/labels";
import { type InboxFilters, useProperties } from "@web/api/threads";
import { PRIORITY_LABELS, useLabels } from "./labels-api";

type Props = { filters: InboxFilters; onChange: (filters: InboxFilters) => void };

/** Label and priority filters and the sort order of the inbox. */
export function LabelFilters({ filters, onChange }: Props) {
  const labels = useLabels().data?.labels ?? [];
  const several = new Set(labels.map((l) => l.propertyId)).size > 1;
  const properties = useProperties().data?.properties ?? [];
  const codeOf = (id: number) => properties.find((p) => p.id === id)?.code ?? `#${id}`;
  return (
    <div className="filter-row">
      <select
        aria-label="Label"
        value={filters.label ?? ""}
        onChange={(e) => onChange({ ...filters, label: Number(e.target.value) || undefined })}
      >
        <option value="">Any label</option>
        {labels.map((l) => (
          <option key={l.id} value={l.id}>
            {l.name}
            {several ? ` (${codeOf(l.propertyId)})` : ""}
          </option>
        ))}
      </select>
      <select
        aria-label="Priority"
        value={filters.priority?.join(",") ?? ""}
        onChange={(e) =>
          onChange({
            ...filters,
            priority: e.target.value ? (e.target.value.split(",") as ThreadPriority[]) : undefined,
          })
        }
      >
        <option value="">Any priority</option>
        <option value="high,urgent">High or urgent</option>
        {THREAD_PRIORITIES.map((p) => (
          <option key={p} value={p}>
            {PRIORITY_LABELS[p]}
          </option>
        ))}
      </select>
      <select
        aria-label="Sort"
        value={filters.sort ?? "activity"}
        onChange={(e) => onChange({ ...filters, sort: sortOf(e.target.value) })}
      >
        <option value="activity">Newest first</option>
        <option value="priority">Most urgent first</option>
        <option value="sla">Breaching soon first</option>
      </select>
    </div>
  );
}

const sortOf = (value: string): InboxFilters["sort"] =>
  value === "priority" || value === "sla" ? value : undefined;
