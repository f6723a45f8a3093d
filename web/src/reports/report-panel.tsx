import type { ReportName } from "@contract/reports";
import type { ReactNode } from "react";
import { type ReportFilter, reportUrl } from "./reports-api";

/** One report section: its heading, its CSV download, and its content once loaded (or the error). */
export function Panel({
  title,
  report,
  filter,
  state,
  children,
}: {
  title: string;
  report: ReportName;
  filter: ReportFilter;
  state: { isPending: boolean; error: Error | null };
  children?: ReactNode;
}) {
  const id = `report-${report}`;
  return (
    <section className="report-panel" aria-labelledby={id}>
      <div className="report-heading">
        <h2 id={id}>{title}</h2>
        <a className="button small" href={reportUrl(report, filter, "csv")} download>
          Download CSV<span className="visually-hidden"> of {title.toLowerCase()}</span>
        </a>
      </div>
      {state.error ? (
        <p className="form-error" role="alert">
          {state.error.message}
        </p>
      ) : state.isPending ? (
        <p className="report-loading">Loading…</p>
      ) : (
        children
      )}
    </section>
  );
}

/** A table that scrolls sideways on a narrow screen. */
export function ScrollingTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    <section
      className="table-scroll"
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls sideways must be reachable by keyboard to scroll it
      tabIndex={0}
    >
      {children}
    </section>
  );
}
