import type { DeliveryErrorsReport, DeliveryReport } from "@contract/reports";
import { BarChart } from "./charts";
import { channelName, percent } from "./report-format";
import { Panel, ScrollingTable } from "./report-panel";
import { type ReportFilter, useReport } from "./reports-api";

/** Outbound outcome rates per channel, and the provider errors behind the failures. */
export function DeliveryPanels({ filter }: { filter: ReportFilter }) {
  const q = useReport<DeliveryReport>("delivery", filter);
  const errors = useReport<DeliveryErrorsReport>("delivery-errors", filter);
  const rows = q.data?.rows ?? [];
  return (
    <>
      <Panel title="Delivery" report="delivery" filter={filter} state={q}>
        <BarChart
          label="Outbound delivery outcome rates per channel"
          categories={rows.map((r) => channelName(r.channel))}
          format={(n) => `${Math.round(n * 100)} %`}
          series={[
            { name: "Sent", color: "#0f766e", values: rows.map((r) => r.sentRate) },
            { name: "Delivered", color: "#0369a1", values: rows.map((r) => r.deliveredRate) },
            { name: "Read", color: "#6d28d9", values: rows.map((r) => r.readRate) },
            { name: "Failed", color: "#c2410c", values: rows.map((r) => r.failedRate) },
          ]}
        />
        <ul className="report-totals delivery-totals">
          {rows.map((r) => (
            <li key={r.channel}>
              {channelName(r.channel)}: <strong>{r.total}</strong> sent out · {percent(r.deliveredRate)}{" "}
              delivered · {percent(r.failedRate)} failed
            </li>
          ))}
        </ul>
      </Panel>
      <Panel title="Top provider errors" report="delivery-errors" filter={filter} state={errors}>
        {(errors.data?.rows ?? []).length === 0 ? (
          <p className="report-loading">No failed messages in this range.</p>
        ) : (
          <ScrollingTable label="Provider errors table">
            <table className="report-table">
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  <th scope="col">Channel</th>
                  <th scope="col">Meaning</th>
                  <th scope="col">Messages</th>
                </tr>
              </thead>
              <tbody>
                {(errors.data?.rows ?? []).map((r) => (
                  <tr key={`${r.channel}:${r.providerErrorCode}`}>
                    <th scope="row">{r.providerErrorCode}</th>
                    <td>{channelName(r.channel)}</td>
                    <td>{[r.errorCode, r.sampleText].filter(Boolean).join(" · ")}</td>
                    <td>{r.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollingTable>
        )}
      </Panel>
    </>
  );
}
