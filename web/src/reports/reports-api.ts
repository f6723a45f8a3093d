import type { StaffProfile } from "@contract/auth";
import type { ReportGroupBy, ReportName } from "@contract/reports";
import { useQuery } from "@tanstack/react-query";
import { apiGet } from "@web/api/http-client";

/** Reports are for managers (their properties) and admins (all); the server enforces it. */
export function canSeeReports(user: StaffProfile): boolean {
  return user.role === "ADMIN" || user.role === "MANAGER";
}

export type ReportFilter = { from: string; to: string; propertyId?: number; groupBy: ReportGroupBy };

/** The API address of one report, as JSON or as the CSV the download link fetches. */
export function reportUrl(name: ReportName, filter: ReportFilter, format: "json" | "csv" = "json"): string {
  const params = new URLSearchParams({ from: filter.from, to: filter.to, groupBy: filter.groupBy, format });
  if (filter.propertyId) params.set("propertyId", String(filter.propertyId));
  return `/api/reports/${name}?${params}`;
}

export function useReport<T>(name: ReportName, filter: ReportFilter) {
  return useQuery({ queryKey: ["report", name, filter], queryFn: () => apiGet<T>(reportUrl(name, filter)) });
}
