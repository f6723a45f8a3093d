import { useQueryClient } from "@tanstack/react-query";
import { ChangePasswordPage } from "@web/admin/change-password-page";
import { canManageStaff, STAFF_PATH } from "@web/admin/staff-api";
import { StaffPage } from "@web/admin/staff-page";
import { setUnauthenticatedHandler } from "@web/api/http-client";
import { useSession } from "@web/api/session";
import { HubPage } from "@web/inbox/hub-page";
import { LoginPage } from "@web/login/login-page";
import { useEffect } from "react";
import { useLocation } from "./use-location";

export const HUB_PATH = "/admin/communication-hub";

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
  if (session.data.user.mustChangePassword) return <ChangePasswordPage email={session.data.user.email} />;
  if (path === STAFF_PATH && canManageStaff(session.data.user)) return <StaffPage user={session.data.user} />;
  return <HubPage user={session.data.user} />;
}
