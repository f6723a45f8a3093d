import { useLogout, useSession } from "@web/api/session";
import { canSeeReports } from "@web/reports/reports-api";
import { REPORTS_PATH } from "@web/reports/reports-path";
import { API_KEYS_PATH, PROPERTIES_PATH } from "./admin-paths";
import { CANNED_REPLIES_PATH } from "./canned-replies-path";
import { ChangePasswordButton } from "./change-password-dialog";
import { canManageStaff, STAFF_PATH } from "./staff-api";
import "./admin-screens.css";

/**
 * The header of the screens beside the inbox (Staff, Properties, API keys, Canned replies, Reports):
 * where you are, the way back, and the other screens this person may open.
 */
export function AdminTopbar({ screen }: { screen: string }) {
  const logout = useLogout();
  const user = useSession().data?.user;
  const screens = user
    ? [
        { name: "Staff", href: STAFF_PATH, show: canManageStaff(user) },
        { name: "Properties", href: PROPERTIES_PATH, show: canManageStaff(user) },
        { name: "API keys", href: API_KEYS_PATH, show: user.role === "ADMIN" },
        { name: "Canned replies", href: CANNED_REPLIES_PATH, show: canManageStaff(user) },
        { name: "Reports", href: REPORTS_PATH, show: canSeeReports(user) },
      ].filter((s) => s.show)
    : [];
  return (
    <>
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            c
          </span>
          commhub <span className="brand-sub">{screen}</span>
        </div>
        <div className="topbar-right">
          <a className="button ghost" href="/">
            Inbox
          </a>
          <ChangePasswordButton />
          <button type="button" className="button ghost" onClick={() => void logout()}>
            Log out
          </button>
        </div>
      </header>
      {screens.length > 1 && (
        <nav className="admin-nav" aria-label="Administration">
          {screens.map((s) => (
            <a key={s.href} href={s.href} aria-current={s.name === screen ? "page" : undefined}>
              {s.name}
            </a>
          ))}
        </nav>
      )}
    </>
  );
}
