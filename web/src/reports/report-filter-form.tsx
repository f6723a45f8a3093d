import type { StaffProfile } from "@contract/auth";
import type { PropertyDto } from "@contract/properties";
import { MAX_REPORT_DAYS, reportDays } from "@contract/reports";
import { useState } from "react";
import type { ReportFilter } from "./reports-api";

/** The date range, property and grouping; applies them on submit, once they make sense. */
export function ReportFilterForm({
  user,
  filter,
  properties,
  onApply,
}: {
  user: StaffProfile;
  filter: ReportFilter;
  properties: PropertyDto[];
  onApply: (filter: ReportFilter) => void;
}) {
  const [draft, setDraft] = useState(filter);
  const invalid =
    !draft.from || !draft.to
      ? "Choose both dates."
      : draft.from > draft.to
        ? "The start date is after the end date."
        : reportDays(draft.from, draft.to) > MAX_REPORT_DAYS
          ? `Choose at most ${MAX_REPORT_DAYS} days.`
          : undefined;
  return (
    <form
      className="report-filter"
      aria-label="Report range"
      onSubmit={(e) => {
        e.preventDefault();
        if (!invalid) onApply(draft);
      }}
    >
      <label>
        From
        <input
          type="date"
          value={draft.from}
          onChange={(e) => setDraft({ ...draft, from: e.target.value })}
        />
      </label>
      <label>
        To
        <input type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
      </label>
      <label>
        Property
        <select
          value={draft.propertyId ?? ""}
          onChange={(e) =>
            setDraft({ ...draft, propertyId: e.target.value ? Number(e.target.value) : undefined })
          }
        >
          <option value="">{user.role === "ADMIN" ? "All properties" : "All my properties"}</option>
          {properties.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Group by
        <select
          value={draft.groupBy}
          onChange={(e) => setDraft({ ...draft, groupBy: e.target.value as ReportFilter["groupBy"] })}
        >
          <option value="day">Day</option>
          <option value="hour-of-week">Hour of the week</option>
        </select>
      </label>
      <button type="submit" className="button primary" disabled={Boolean(invalid)}>
        Show
      </button>
      {invalid && (
        <p className="form-error" role="alert">
          {invalid}
        </p>
      )}
    </form>
  );
}
