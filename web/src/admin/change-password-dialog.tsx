import { useState } from "react";
import { ChangePasswordForm } from "./change-password-form";

/** The header's "Password" button and its small dialog, for every signed-in staff member. */
export function ChangePasswordButton() {
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState(false);
  const close = () => {
    setOpen(false);
    setDone(false);
  };
  return (
    <>
      <button type="button" className="button ghost" onClick={() => setOpen(true)}>
        Password
      </button>
      {open && (
        <div className="dialog-backdrop">
          <div
            className="dialog"
            role="dialog"
            aria-modal="true"
            aria-labelledby="password-dialog-title"
            onKeyDown={(e) => e.key === "Escape" && close()}
          >
            <h2 id="password-dialog-title">Change your password</h2>
            {done ? (
              <p role="status">Your password is changed. Your other sessions were signed out.</p>
            ) : (
              <ChangePasswordForm submitLabel="Change password" onDone={() => setDone(true)} />
            )}
            <button type="button" className="button ghost" onClick={close}>
              {done ? "Close" : "Cancel"}
            </button>
          </div>
        </div>
      )}
    </>
  );
}
