import { useQueryClient } from "@tanstack/react-query";
import { useLogout } from "@web/api/session";
import { useEffect } from "react";
import { ChangePasswordForm } from "./change-password-form";

/** After signing in with a temporary password: nothing else works until it is changed (server-enforced). */
export function ChangePasswordPage({ email }: { email: string }) {
  const client = useQueryClient();
  const logout = useLogout();
  useEffect(() => {
    document.title = "Choose a new password · commhub";
  }, []);
  return (
    <main className="login">
      <section className="login-card" aria-labelledby="change-title">
        <div className="brand brand-large" aria-hidden="true">
          <span className="brand-mark">c</span> commhub
        </div>
        <h1 id="change-title">Choose a new password</h1>
        <p className="subtle">
          You signed in as {email} with a temporary password. Choose your own before you continue.
        </p>
        <ChangePasswordForm
          submitLabel="Save and continue"
          onDone={() => void client.invalidateQueries({ queryKey: ["session"] })}
        />
        <button type="button" className="button ghost" onClick={() => void logout()}>
          Log out
        </button>
      </section>
    </main>
  );
}
