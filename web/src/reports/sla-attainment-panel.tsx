import type { SlaAttainmentRow, SlaKind } from "@contract/sla";
import { useQuery } from "@tanstack/react-query";
import { apiGet } from "@web/api/http-client";
import { BarChart } from "./charts";
import { ScrollingTable } from "./report-panel";
import type { ReportFilter } from "./reports-api";

const KIND_LABELS: Record<SlaKind, string> = {
  FIRST_RESPONSE: "First reply",
  NEXT_RESPONSE: "Next replies",
  RESOLUTION: "Resolution",
};

function slaReportUrl(filter: ReportFilter, format: "json" | "csv"): string {
  const params = new URLSearchParams({ from: filter.from, to: filter.to, format });
  if (filter.propertyId) params.set("propertyId", String(filter.propertyId));
  return `/api/reports/sla?${params}`;
}

/** SLA attainment: per target, the share met in time among those that ended in the range. */
export function SlaAttainmentPanel({ filter }: { filter: ReportFilter }) {
  const q = useQuery({
    queryKey: ["report", "sla", filter],
    queryFn: () => apiGet<{ rows: SlaAttainmentRow[] }>(slaReportUrl(filter, "json")),
  });
  const rows = q.data?.rows ?? [];
  return (
    <section className="report-panel" aria-labelledby="report-sla">
      <div className="report-heading">
        <h2 id="report-sla">SLA attainment</h2>
        <a className="button small" href={slaReportUrl(filter, "csv")} download>
          Download CSV<span className="visually-hidden"> of SLA attainment</span>
        </a>
      </div>
      {q.error ? (
        <p className="form-error" role="alert">
          {q.error.message}
        </p>
      ) : q.isPending ? (
        <p className="report-loading">Loading…</p>
      ) : (
        <>
          <BarChart
            label="Share of response-time targets met, per target"
            categories={rows.map((r) => KIND_LABELS[r.kind])}
            format={(v) => `${Math.round(v)}%`}
            series={[
              { name: "Met in time", color: "#0f766e", values: rows.map((r) => r.attainmentPercent ?? 0) },
            ]}
          />
          <ScrollingTable label="SLA attainment table">
            <table className="report-table">
              <thead>
                <tr>
                  <th scope="col">Target</th>
                  <th scope="col">Met</th>
                  <th scope="col">Breached</th>
                  <th scope="col">Attainment</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.kind}>
                    <th scope="row">{KIND_LABELS[r.kind]}</th>
                    <td>{r.met}</td>
                    <td>{r.breached}</td>
                    <td data-testid={`sla-attainment-${r.kind}`}>
                      {r.attainmentPercent === null ? "–" : `${r.attainmentPercent}%`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollingTable>
        </>
      )}
    </section>
  );
}
