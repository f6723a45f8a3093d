import type { ResponseTimesReport } from "@contract/reports";
import { BarChart } from "./charts";
import { duration } from "./report-format";
import { Panel, ScrollingTable } from "./report-panel";
import { type ReportFilter, useReport } from "./reports-api";

/** First-response and resolution times, overall and per agent and property: a chart and the table. */
export function ResponseTimesPanel({ filter }: { filter: ReportFilter }) {
  const q = useReport<ResponseTimesReport>("response-times", filter);
  const rows = q.data?.rows ?? [];
  const label = (r: (typeof rows)[number]) => (r.scope === "overall" ? "All" : r.name);
  return (
    <Panel title="Response times" report="response-times" filter={filter} state={q}>
      <BarChart
        label="First-response time, median and p90, overall and per agent and property"
        categories={rows.map((r) => `${label(r)}${r.scope === "overall" ? "" : ` (${r.scope})`}`)}
        format={duration}
        series={[
          {
            name: "First response, median",
            color: "#0f766e",
            values: rows.map((r) => r.firstResponseMedianSeconds ?? 0),
          },
          {
            name: "First response, p90",
            color: "#7cc4bc",
            values: rows.map((r) => r.firstResponseP90Seconds ?? 0),
          },
        ]}
      />
      <ScrollingTable label="Response times table">
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">Who</th>
              <th scope="col">Replied</th>
              <th scope="col">First response median</th>
              <th scope="col">p90</th>
              <th scope="col">Resolved</th>
              <th scope="col">Resolution median</th>
              <th scope="col">p90</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.scope}:${r.key}`} className={`scope-${r.scope}`}>
                <th scope="row">
                  {label(r)} {r.scope !== "overall" && <span className="muted">{r.scope}</span>}
                </th>
                <td>{r.firstResponses}</td>
                <td>{duration(r.firstResponseMedianSeconds)}</td>
                <td>{duration(r.firstResponseP90Seconds)}</td>
                <td>{r.resolved}</td>
                <td>{duration(r.resolutionMedianSeconds)}</td>
                <td>{duration(r.resolutionP90Seconds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollingTable>
    </Panel>
  );
}
