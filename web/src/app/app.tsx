import { useQueryClient } from "@tanstack/react-query";
import { API_KEYS_PATH, PROPERTIES_PATH } from "@web/admin/admin-paths";
import { CANNED_REPLIES_PATH } from "@web/admin/canned-replies-path";
import { canManageStaff, STAFF_PATH } from "@web/admin/staff-api";
import { setUnauthenticatedHandler } from "@web/api/http-client";
import { useSession } from "@web/api/session";
import { LoginPage } from "@web/login/login-page";
import { REPORTS_PATH } from "@web/reports/reports-path";
import { lazy, Suspense, useEffect } from "react";
import { useLocation } from "./use-location";

// The hub (inbox, threads, composer, live events) loads after sign-in; the login page needs none of it.
const HubPage = lazy(() => import("@web/inbox/hub-page").then((m) => ({ default: m.HubPage })));
const StaffPage = lazy(() => import("@web/admin/staff-page").then((m) => ({ default: m.StaffPage })));
const CannedRepliesPage = lazy(() =>
  import("@web/admin/canned-replies-page").then((m) => ({ default: m.CannedRepliesPage })),
);
const ChangePasswordPage = lazy(() =>
  import("@web/admin/change-password-page").then((m) => ({ default: m.ChangePasswordPage })),
);
const PropertiesPage = lazy(() =>
  import("@web/admin/properties-page").then((m) => ({ default: m.PropertiesPage })),
);
const ApiKeysPage = lazy(() => import("@web/admin/api-keys-page").then((m) => ({ default: m.ApiKeysPage })));
const ReportsPage = lazy(() => import("@web/reports/reports-page").then((m) => ({ default: m.ReportsPage })));

const HUB_PATH = "/admin/communication-hub";

/** Signed out: the login page. Signed in: the communication hub, which `/` leads to. */
export function App() {
  const session = useSession();
  const client = useQueryClient();
  const { path, navigate } = useLocation();

  useEffect(() => {
    setUnauthenticatedHandler(() => client.setQueryData(["session"], null));
  }, [client]);

  useEffect(() => {
    if (session.data && (path === "/" || path === "/login")) navigate(HUB_PATH, { replace: true });
  }, [session.data, path, navigate]);

  if (session.isPending) return <p className="splash">Loading commhub…</p>;
  if (session.isError)
    return (
      <p className="splash" role="alert">
        The server could not be reached. Reload the page to try again.
      </p>
    );
  if (!session.data) return <LoginPage />;
  const { user } = session.data;
  return (
    <Suspense fallback={<p className="splash">Loading commhub…</p>}>
      {user.mustChangePassword ? (
        <ChangePasswordPage email={user.email} />
      ) : path === STAFF_PATH && canManageStaff(user) ? (
        <StaffPage user={user} />
      ) : path === PROPERTIES_PATH && canManageStaff(user) ? (
        <PropertiesPage user={user} />
      ) : path === API_KEYS_PATH && user.role === "ADMIN" ? (
        <ApiKeysPage />
      ) : path === REPORTS_PATH && canManageStaff(user) ? (
        <ReportsPage user={user} />
      ) : path === CANNED_REPLIES_PATH && canManageStaff(user) ? (
        <CannedRepliesPage user={user} />
      ) : (
        <HubPage user={user} />
      )}
    </Suspense>
  );
}
