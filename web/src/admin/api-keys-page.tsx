import type { ApiKeySummary, CreatedApiKeyResponse } from "@contract/api-keys";
import type { StaffRole } from "@contract/auth";
import type { PropertyDto } from "@contract/properties";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { apiDelete, apiGet, apiPost } from "@web/api/http-client";
import { type FormEvent, useEffect, useState } from "react";
import { AdminTopbar } from "./admin-topbar";
import { AdminFormActions, RoleAndPropertiesFields } from "./role-and-properties-fields";
import { usePropertyNames } from "./staff-api";

type Role = StaffRole;
const ROLES: Role[] = ["AGENT", "MANAGER", "ADMIN"];

function useApiKeys() {
  return useQuery({
    queryKey: ["api-keys"],
    queryFn: async () => (await apiGet<{ apiKeys: ApiKeySummary[] }>("/api/api-keys")).apiKeys,
  });
}

/**
 * API keys for machine clients (admins only): the key is shown once, right after it is created, and only
 * its prefix afterwards; revoking refuses the key's next request.
 */
export function ApiKeysPage() {
  const list = useApiKeys();
  const properties = usePropertyNames().data ?? [];
  const client = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<CreatedApiKeyResponse>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    document.title = "API keys · commhub";
  }, []);

  const run = async (action: () => Promise<void>) => {
    setError(undefined);
    try {
      await action();
      await client.invalidateQueries({ queryKey: ["api-keys"] });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  const revoke = (key: ApiKeySummary) =>
    run(async () => {
      const question = `Revoke the API key "${key.name}" (${key.prefix}…)? Every program using it is refused from its next request. This cannot be undone.`;
      if (window.confirm(question)) await apiDelete(`/api/api-keys/${key.id}`);
    });

  return (
    <div className="hub staff-admin">
      <AdminTopbar screen="API keys" />
      <main className="staff-main">
        <div className="staff-heading">
          <h1>API keys</h1>
          <button type="button" className="button primary" onClick={() => setAdding(!adding)}>
            {adding ? "Close" : "Create API key"}
          </button>
        </div>
        <p className="subtle">
          Programs send a key as <code>Authorization: Bearer chk_…</code>. A key acts with its role, on its
          properties only (an admin key on all of them).
        </p>
        {created && <NewKeyNotice created={created} onDone={() => setCreated(undefined)} />}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {adding && (
          <ApiKeyForm
            properties={properties}
            onCancel={() => setAdding(false)}
            onSubmit={(values) =>
              run(async () => {
                setCreated(await apiPost<CreatedApiKeyResponse>("/api/api-keys", values));
                setAdding(false);
              })
            }
          />
        )}
        {list.isPending && <p className="subtle">Loading API keys…</p>}
        {list.data?.length === 0 && <p className="subtle">No API keys yet.</p>}
        <ul className="staff-list" aria-label="API keys">
          {(list.data ?? []).map((key) => (
            <li key={key.id} className={key.revokedAt ? "staff-row key-revoked" : "staff-row"}>
              <div className="staff-who">
                <strong>{key.name}</strong>
                <span className="subtle">
                  <code>{key.prefix}…</code> · {key.role.toLowerCase()} ·{" "}
                  {key.role === "ADMIN"
                    ? "all properties"
                    : key.propertyCodes.length
                      ? key.propertyCodes.join(", ")
                      : "no property"}
                </span>
              </div>
              <div className="staff-facts">
                <span>Created {formatWhen(key.createdAt)}</span>
                <span>{key.lastUsedAt ? `Last used ${formatWhen(key.lastUsedAt)}` : "Never used"}</span>
                {key.expiresAt && <span>Expires {formatWhen(key.expiresAt)}</span>}
                <span>{key.revokedAt ? `Revoked ${formatWhen(key.revokedAt)}` : "Active"}</span>
              </div>
              <div className="staff-actions">
                {!key.revokedAt && (
                  <button
                    type="button"
                    className="button small"
                    aria-label={`Revoke ${key.name}`}
                    onClick={() => void revoke(key)}
                  >
                    Revoke
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      </main>
    </div>
  );
}

function formatWhen(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

function NewKeyNotice({ created, onDone }: { created: CreatedApiKeyResponse; onDone: () => void }) {
  const [copied, setCopied] = useState<"yes" | "no">();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied("yes");
    } catch {
      setCopied("no");
    }
  };
  return (
    <div className="temporary-password secret-once" role="status">
      <p>
        The key for <strong>{created.apiKey.name}</strong>.{" "}
        <span className="secret-once-warning">Copy it now: you will not see it again.</span> Only its prefix
        is kept in the list; a lost key is revoked and replaced.
      </p>
      <code data-testid="new-api-key">{created.key}</code>
      <button type="button" className="button small" onClick={() => void copy()}>
        {copied === "yes" ? "Copied" : "Copy"}
      </button>
      <button type="button" className="button small" onClick={onDone}>
        Done
      </button>
      {copied === "no" && <p>The browser did not allow copying: select the key and copy it by hand.</p>}
    </div>
  );
}

type KeyValues = { name: string; role: Role; propertyCodes: string[] };

function ApiKeyForm(props: {
  properties: PropertyDto[];
  onCancel: () => void;
  onSubmit: (values: KeyValues) => Promise<void>;
}) {
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("AGENT");
  const [codes, setCodes] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    await props.onSubmit({ name, role, propertyCodes: role === "ADMIN" ? [] : codes });
    setBusy(false);
  };
  const toggle = (code: string) =>
    setCodes(codes.includes(code) ? codes.filter((c) => c !== code) : [...codes, code]);
  return (
    <form className="staff-form" onSubmit={submit} aria-label="New API key">
      <h2>New API key</h2>
      <label className="field">
        Name <span className="field-hint">what uses it, e.g. "Booking engine"</span>
        <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <RoleAndPropertiesFields
        roles={ROLES}
        role={role}
        onRole={setRole}
        properties={props.properties}
        isChecked={(p) => codes.includes(p.code)}
        onToggle={(p) => toggle(p.code)}
      />
      <AdminFormActions submitLabel={"Create key"} busy={busy} onCancel={props.onCancel} />
    </form>
  );
}
