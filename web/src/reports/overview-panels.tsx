import type { OverviewReport } from "@contract/reports";
import { BarChart } from "./charts";
import { Panel } from "./report-panel";
import { type ReportFilter, useReport } from "./reports-api";

/** Conversations opened and resolved, and messages in and out per channel, per bucket. */
export function OverviewPanels({ filter }: { filter: ReportFilter }) {
  const q = useReport<OverviewReport>("overview", filter);
  const rows = q.data?.rows ?? [];
  const categories = rows.map((r) => r.bucket);
  const sum = (k: keyof (typeof rows)[number]) => rows.reduce((s, r) => s + Number(r[k]), 0);
  return (
    <>
      <Panel title="Conversations" report="overview" filter={filter} state={q}>
        <p className="report-totals" data-testid="overview-totals">
          <strong>{sum("opened")}</strong> opened · <strong>{sum("resolved")}</strong> resolved
        </p>
        <BarChart
          label="Conversations opened and resolved"
          categories={categories}
          series={[
            { name: "Opened", color: "#0f766e", values: rows.map((r) => r.opened) },
            { name: "Resolved", color: "#94a3b8", values: rows.map((r) => r.resolved) },
          ]}
        />
      </Panel>
      <Panel title="Messages" report="overview" filter={filter} state={q}>
        <p className="report-totals">
          WhatsApp <strong>{sum("whatsappIn")}</strong> in, <strong>{sum("whatsappOut")}</strong> out · SMS{" "}
          <strong>{sum("smsIn")}</strong> in, <strong>{sum("smsOut")}</strong> out
        </p>
        <BarChart
          label="Messages in and out per channel"
          categories={categories}
          stacked
          series={[
            { name: "WhatsApp in", color: "#166534", values: rows.map((r) => r.whatsappIn) },
            { name: "WhatsApp out", color: "#86c79a", values: rows.map((r) => r.whatsappOut) },
            { name: "SMS in", color: "#1d4ed8", values: rows.map((r) => r.smsIn) },
            { name: "SMS out", color: "#93b4f5", values: rows.map((r) => r.smsOut) },
          ]}
        />
      </Panel>
    </>
  );
}
