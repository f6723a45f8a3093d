import { useLogout } from "@web/api/session";
import { ChangePasswordButton } from "./change-password-dialog";

/** The header of the screens beside the inbox (Staff, Canned replies, Reports): where you are, the way back. */
export function AdminTopbar({ screen }: { screen: string }) {
  const logout = useLogout();
  return (
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
  );
}
