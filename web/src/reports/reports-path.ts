// Apart from reports-api so that the first-load bundle (the router in app.tsx) takes only this string.
// Who may open the screen is the same rule as for staff administration: managers and admins.
export const REPORTS_PATH = "/admin/reports";
