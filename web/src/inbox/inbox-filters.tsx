import type { ThreadChannel, ThreadStatus } from "@contract/channels";
import { type InboxFilters, searchesAllStatuses, useProperties } from "@web/api/threads";
import { useEffect, useState } from "react";
import { LabelFilters } from "./label-filters";

const STATUS_CHOICES: Record<string, ThreadStatus[] | undefined> = {
  open: ["OPEN", "PENDING"],
  snoozed: ["SNOOZED"],
  resolved: ["RESOLVED"],
  all: undefined,
};

type Props = {
  filters: InboxFilters;
  onChange: (filters: InboxFilters) => void;
  properties: { id: number; code: string; name: string }[];
};

export function InboxFiltersBar({ filters, onChange, properties }: Props) {
  const visible = useProperties().data?.properties ?? properties;
  const [search, setSearch] = useState(filters.search ?? "");

  // Search as one types, without a request per keystroke.
  useEffect(() => {
    const timer = setTimeout(() => {
      if ((filters.search ?? "") !== search) onChange({ ...filters, search: search || undefined });
    }, 300);
    return () => clearTimeout(timer);
  }, [search, filters, onChange]);

  const statusKey = searchesAllStatuses(filters)
    ? "all"
    : (Object.entries(STATUS_CHOICES).find(([, v]) => v?.join() === filters.status?.join())?.[0] ?? "all");

  return (
    <form
      className="filters"
      aria-label="Filter threads"
      onSubmit={(e) => {
        e.preventDefault();
        // Enter searches at once, without waiting for the pause after typing.
        if ((filters.search ?? "") !== search) onChange({ ...filters, search: search || undefined });
      }}
    >
      <input
        type="search"
        className="search"
        placeholder="Search name, phone, booking, email or message"
        aria-label="Search threads"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <div className="filter-row">
        <select
          aria-label="Property"
          value={filters.propertyId ?? ""}
          onChange={(e) => onChange({ ...filters, propertyId: Number(e.target.value) || undefined })}
        >
          <option value="">All properties</option>
          {visible.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <select
          aria-label="Status"
          value={statusKey}
          onChange={(e) =>
            onChange({ ...filters, status: STATUS_CHOICES[e.target.value], statusChosen: true })
          }
        >
          <option value="open">Open</option>
          <option value="snoozed">Snoozed</option>
          <option value="resolved">Resolved</option>
          <option value="all">All statuses</option>
        </select>
      </div>
      <div className="filter-row">
        <select
          aria-label="Assignee"
          value={filters.mentions ? "mentions" : (filters.assignee ?? "")}
          onChange={(e) => onChange(withAssigneeChoice(filters, e.target.value))}
        >
          <option value="">Anyone</option>
          <option value="me">Assigned to me</option>
          <option value="none">Unassigned</option>
          <option value="mentions">Mentioning me</option>
        </select>
        <select
          aria-label="Channel"
          value={filters.channel ?? ""}
          onChange={(e) =>
            onChange({ ...filters, channel: (e.target.value || undefined) as ThreadChannel | undefined })
          }
        >
          <option value="">All channels</option>
          <option value="WHATSAPP">WhatsApp</option>
          <option value="SMS">SMS</option>
          <option value="EMAIL">Email</option>
          <option value="CALL">Calls</option>
        </select>
        <label className="check">
          <input
            type="checkbox"
            checked={filters.unread ?? false}
            onChange={(e) => onChange({ ...filters, unread: e.target.checked || undefined })}
          />
          Unread
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={filters.breachingSoon ?? false}
            onChange={(e) => onChange({ ...filters, breachingSoon: e.target.checked || undefined })}
          />
          Breaching soon
        </label>
      </div>
      <LabelFilters filters={filters} onChange={onChange} />
    </form>
  );
}

/** "Mentioning me" sits with the assignee choices: threads whose notes name me, whoever holds them. */
function withAssigneeChoice(filters: InboxFilters, choice: string): InboxFilters {
  if (choice === "mentions") return { ...filters, assignee: undefined, mentions: true };
  return { ...filters, assignee: (choice || undefined) as InboxFilters["assignee"], mentions: undefined };
}
