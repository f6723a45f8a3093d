import type { StaffProfile } from "@contract/auth";
import type { PropertyDto } from "@contract/properties";
import type { BusiestHoursReport } from "@contract/reports";
import { useQuery } from "@tanstack/react-query";
import { AdminTopbar } from "@web/admin/admin-topbar";
import { apiGet } from "@web/api/http-client";
import { useEffect, useState } from "react";
import { Heatmap } from "./charts";
import { CsatPanel } from "./csat-panel";
import { defaultReportRange } from "./default-range";
import { DeliveryPanels } from "./delivery-panels";
import { OverviewPanels } from "./overview-panels";
import { ReportFilterForm } from "./report-filter-form";
import { Panel } from "./report-panel";
import { type ReportFilter, useReport } from "./reports-api";
import { ResponseTimesPanel } from "./response-times-panel";
import { SlaAttainmentPanel } from "./sla-attainment-panel";
import "./reports.css";

/** Reports for managers and admins: a date range and property, charts, and each chart's CSV. */
export function ReportsPage({ user }: { user: StaffProfile }) {
  const [applied, setApplied] = useState<ReportFilter>();
  const properties = useQuery({
    queryKey: ["properties"],
    queryFn: async () => (await apiGet<{ properties: PropertyDto[] }>("/api/properties")).properties,
  });
  useEffect(() => {
    document.title = "Reports · commhub";
  }, []);
  // Until someone applies a range, the last 30 days up to the latest today of the properties in view.
  const settled = !properties.isPending;
  const filter = applied ?? {
    ...defaultReportRange([
      Intl.DateTimeFormat().resolvedOptions().timeZone,
      ...(properties.data ?? []).map((p) => p.timezone),
    ]),
    groupBy: "day" as const,
  };

  return (
    <div className="hub reports-admin">
      <AdminTopbar screen="Reports" />
      <main className="reports-main">
        <h1>Reports</h1>
        {settled && (
          <>
            <ReportFilterForm
              user={user}
              filter={filter}
              properties={properties.data ?? []}
              onApply={setApplied}
            />
            <p className="report-note">
              Dates and hours are local to each property. Response times count threads the guest started; per
              agent means the thread's assignee.
            </p>
            <OverviewPanels filter={filter} />
            <ResponseTimesPanel filter={filter} />
            <SlaAttainmentPanel filter={filter} />
            <DeliveryPanels filter={filter} />
            <BusiestHours filter={filter} />
            <CsatPanel filter={filter} />
          </>
        )}
      </main>
    </div>
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
