import { HealthResponse } from "@contract/health";
import { useEffect, useState } from "react";

type HealthState =
  | { kind: "loading" }
  | { kind: "ok"; health: HealthResponse }
  | { kind: "error"; message: string };

/** The landing page: what commhub is and whether the server behind it is healthy. */
export function HomePage() {
  const [state, setState] = useState<HealthState>({ kind: "loading" });

  useEffect(() => {
    fetch("/health")
      .then(async (res) => {
        if (!res.ok) throw new Error(`server answered ${res.status}`);
        setState({ kind: "ok", health: HealthResponse.parse(await res.json()) });
      })
      .catch((err: unknown) =>
        setState({ kind: "error", message: err instanceof Error ? err.message : String(err) }),
      );
  }, []);

  return (
    <main className="home">
      <h1>commhub</h1>
      <p className="tagline">
        Every guest's WhatsApp, SMS, email and calls in one thread, for every property.
      </p>
      <section aria-label="Server health" className="health">
        {state.kind === "loading" && <p>Checking the server…</p>}
        {state.kind === "error" && <p role="alert">Server unreachable: {state.message}</p>}
        {state.kind === "ok" && (
          <dl>
            <dt>Status</dt>
            <dd data-testid="health-status">{state.health.status}</dd>
            <dt>Database</dt>
            <dd data-testid="health-db">
              {state.health.db === "pglite" ? "embedded (PGlite)" : "PostgreSQL"}
            </dd>
            <dt>Messaging</dt>
            <dd>{state.health.provider === "simulator" ? "Gupshup simulator" : "Gupshup"}</dd>
            <dt>Version</dt>
            <dd>{state.health.version}</dd>
          </dl>
        )}
      </section>
    </main>
  );
}
