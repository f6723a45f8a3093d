import type { StaffProfile } from "@contract/auth";
import type { PropertyDto } from "@contract/properties";
import type {
  BusiestHoursReport,
  DeliveryErrorsReport,
  DeliveryReport,
  OverviewReport,
  ReportName,
  ResponseTimesReport,
} from "@contract/reports";
import { MAX_REPORT_DAYS, reportDays } from "@contract/reports";
import { useQuery } from "@tanstack/react-query";
import { AdminTopbar } from "@web/admin/admin-topbar";
import { apiGet } from "@web/api/http-client";
import { type ReactNode, useEffect, useState } from "react";
import { BarChart, Heatmap } from "./charts";
import { type ReportFilter, reportUrl, useReport } from "./reports-api";
import "./reports.css";

const localDate = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;

/** Seconds as a short duration: 45 s, 12 min, 3.5 h, 2.1 d. */
export function duration(seconds: number | null): string {
  if (seconds === null) return "–";
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86_400) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} d`;
}
const percent = (rate: number) => `${Math.round(rate * 1000) / 10} %`;

/** Reports for managers and admins: a date range and property, charts, and each chart's CSV. */
export function ReportsPage({ user }: { user: StaffProfile }) {
  const today = new Date();
  const [filter, setFilter] = useState<ReportFilter>({
    from: localDate(new Date(today.getTime() - 29 * 86_400_000)),
    to: localDate(today),
    groupBy: "day",
  });
  const [draft, setDraft] = useState(filter);
  const properties = useQuery({
    queryKey: ["properties"],
    queryFn: async () => (await apiGet<{ properties: PropertyDto[] }>("/api/properties")).properties,
  });
  useEffect(() => {
    document.title = "Reports · commhub";
  }, []);
  const invalid =
    !draft.from || !draft.to
      ? "Choose both dates."
      : draft.from > draft.to
        ? "The start date is after the end date."
        : reportDays(draft.from, draft.to) > MAX_REPORT_DAYS
          ? `Choose at most ${MAX_REPORT_DAYS} days.`
          : undefined;

  return (
    <div className="hub reports-admin">
      <AdminTopbar screen="Reports" />
      <main className="reports-main">
        <h1>Reports</h1>
        <form
          className="report-filter"
          aria-label="Report range"
          onSubmit={(e) => {
            e.preventDefault();
            if (!invalid) setFilter(draft);
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
            <input
              type="date"
              value={draft.to}
              onChange={(e) => setDraft({ ...draft, to: e.target.value })}
            />
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
              {(properties.data ?? []).map((p) => (
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
        <p className="report-note">
          Dates and hours are local to each property. Response times count threads the guest started; per
          agent means the thread's assignee.
        </p>
        <Overview filter={filter} />
        <ResponseTimes filter={filter} />
        <Delivery filter={filter} />
        <BusiestHours filter={filter} />
      </main>
    </div>
  );
}

function Panel({
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

function Overview({ filter }: { filter: ReportFilter }) {
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

function ResponseTimes({ filter }: { filter: ReportFilter }) {
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
      <section
        className="table-scroll"
        aria-label="Response times table"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls sideways must be reachable by keyboard to scroll it
        tabIndex={0}
      >
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
      </section>
    </Panel>
  );
}

function Delivery({ filter }: { filter: ReportFilter }) {
  const q = useReport<DeliveryReport>("delivery", filter);
  const errors = useReport<DeliveryErrorsReport>("delivery-errors", filter);
  const rows = q.data?.rows ?? [];
  return (
    <>
      <Panel title="Delivery" report="delivery" filter={filter} state={q}>
        <BarChart
          label="Outbound delivery outcome rates per channel"
          categories={rows.map((r) => (r.channel === "SMS" ? "SMS" : "WhatsApp"))}
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
              {r.channel === "SMS" ? "SMS" : "WhatsApp"}: <strong>{r.total}</strong> sent out ·{" "}
              {percent(r.deliveredRate)} delivered · {percent(r.failedRate)} failed
            </li>
          ))}
        </ul>
      </Panel>
      <Panel title="Top provider errors" report="delivery-errors" filter={filter} state={errors}>
        {(errors.data?.rows ?? []).length === 0 ? (
          <p className="report-loading">No failed messages in this range.</p>
        ) : (
          <section
            className="table-scroll"
            aria-label="Provider errors table"
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls sideways must be reachable by keyboard to scroll it
            tabIndex={0}
          >
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
                    <td>{r.channel === "SMS" ? "SMS" : "WhatsApp"}</td>
                    <td>{[r.errorCode, r.sampleText].filter(Boolean).join(" · ")}</td>
                    <td>{r.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </Panel>
    </>
  );
}

function BusiestHours({ filter }: { filter: ReportFilter }) {
  const q = useReport<BusiestHoursReport>("busiest-hours", filter);
  return (
    <Panel title="Busiest hours" report="busiest-hours" filter={filter} state={q}>
      <Heatmap label="Guest messages per weekday and hour, local time" cells={q.data?.rows ?? []} />
    </Panel>
  );
}
