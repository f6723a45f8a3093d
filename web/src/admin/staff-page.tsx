import type { StaffProfile } from "@contract/auth";
import type { PropertyDto } from "@contract/properties";
import type { StaffDto } from "@contract/staff";
import { type FormEvent, useEffect, useState } from "react";
import { AdminTopbar } from "./admin-topbar";
import { AdminFormActions, RoleAndPropertiesFields } from "./role-and-properties-fields";
import { type StaffValues, usePropertyNames, useStaffActions, useStaffList } from "./staff-api";

const ROLES: StaffDto["role"][] = ["ADMIN", "MANAGER", "AGENT"];
const RANK = { AGENT: 0, MANAGER: 1, ADMIN: 2 } as const;

/**
 * Staff administration: admins for everyone, managers for the staff of their properties. The server
 * decides what is allowed; this page offers what the caller's role can do and shows the server's refusals.
 */
export function StaffPage({ user }: { user: StaffProfile }) {
  const list = useStaffList();
  const properties = usePropertyNames().data ?? [];
  const actions = useStaffActions();
  const [adding, setAdding] = useState(false);
  const [editingId, setEditingId] = useState<number | undefined>();
  const [notice, setNotice] = useState<{ email: string; password: string } | undefined>();
  const [error, setError] = useState<string | undefined>();
  // Roles the caller may hand out: below their own, any for an admin.
  const roles = ROLES.filter((r) => user.role === "ADMIN" || RANK[r] < RANK[user.role]);

  useEffect(() => {
    document.title = "Staff · commhub";
  }, []);

  const run = async (action: () => Promise<void>) => {
    setError(undefined);
    try {
      await action();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  const reset = (staff: StaffDto) =>
    run(async () => {
      if (!window.confirm(`Reset the password of ${staff.name}? Their sessions end at once.`)) return;
      const { temporaryPassword } = await actions.resetPassword(staff.id);
      setNotice({ email: staff.email, password: temporaryPassword });
    });

  return (
    <div className="hub staff-admin">
      <AdminTopbar screen="Staff" />
      <main className="staff-main">
        <div className="staff-heading">
          <h1>Staff</h1>
          <button type="button" className="button primary" onClick={() => setAdding(!adding)}>
            {adding ? "Close" : "Add staff member"}
          </button>
        </div>
        {notice && (
          <div className="temporary-password" role="status">
            <p>
              Temporary password for <strong>{notice.email}</strong> (shown only now; they must change it when
              they sign in):
            </p>
            <code data-testid="temporary-password">{notice.password}</code>
            <button type="button" className="button small" onClick={() => setNotice(undefined)}>
              Done
            </button>
          </div>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {adding && (
          <StaffForm
            title="New staff member"
            roles={roles}
            properties={properties}
            initial={{
              name: "",
              role: "AGENT",
              propertyIds: properties.length === 1 ? [properties[0]?.id ?? 0] : [],
            }}
            withEmail
            submitLabel="Create"
            onCancel={() => setAdding(false)}
            onSubmit={(values) =>
              run(async () => {
                const { staff, temporaryPassword } = await actions.create({
                  ...values,
                  email: values.email ?? "",
                });
                setAdding(false);
                setNotice({ email: staff.email, password: temporaryPassword });
              })
            }
          />
        )}
        {list.isPending && <p className="subtle">Loading staff…</p>}
        <ul className="staff-list" aria-label="Staff">
          {(list.data ?? []).map((staff) => (
            <li key={staff.id} className={staff.isActive ? "staff-row" : "staff-row staff-inactive"}>
              <div className="staff-who">
                <strong>{staff.name}</strong>
                <span className="subtle">{staff.email}</span>
              </div>
              <div className="staff-facts">
                <span className="badge">{staff.role.toLowerCase()}</span>
                <span>{propertyCodes(staff, properties)}</span>
                <span>{staff.isActive ? "Active" : "Deactivated"}</span>
                <span>{staff.isAvailable ? "On shift" : "Off shift"}</span>
              </div>
              {staff.id === user.id ? (
                <div className="staff-actions subtle">You</div>
              ) : (
                <div className="staff-actions">
                  <button type="button" className="button small" onClick={() => setEditingId(staff.id)}>
                    Edit
                  </button>
                  <button type="button" className="button small" onClick={() => void reset(staff)}>
                    Reset password
                  </button>
                  <button
                    type="button"
                    className="button small"
                    onClick={() => void run(() => actions.update(staff.id, { isActive: !staff.isActive }))}
                  >
                    {staff.isActive ? "Deactivate" : "Reactivate"}
                  </button>
                </div>
              )}
              {editingId === staff.id && (
                <StaffForm
                  title={`Edit ${staff.name}`}
                  roles={roles.includes(staff.role) ? roles : [staff.role, ...roles]}
                  properties={properties}
                  initial={{ name: staff.name, role: staff.role, propertyIds: staff.propertyIds }}
                  submitLabel="Save"
                  onCancel={() => setEditingId(undefined)}
                  onSubmit={(values) =>
                    run(async () => {
                      // A manager's form lists only their properties; the server keeps the others.
                      await actions.update(staff.id, changed(staff, values));
                      setEditingId(undefined);
                    })
                  }
                />
              )}
            </li>
          ))}
        </ul>
      </main>
    </div>
  );
}

function propertyCodes(staff: StaffDto, properties: PropertyDto[]): string {
  if (staff.role === "ADMIN") return "All properties";
  const codes = staff.propertyIds.map((id) => properties.find((p) => p.id === id)?.code ?? `#${id}`);
  return codes.length ? codes.join(", ") : "No property";
}

// Only what changed goes to the server, so an unchanged name is never an "account change" for a manager.
function changed(staff: StaffDto, values: StaffValues): Partial<StaffValues> {
  const out: Partial<StaffValues> = {};
  if (values.name !== staff.name) out.name = values.name;
  if (values.role !== staff.role) out.role = values.role;
  const before = [...staff.propertyIds].sort().join();
  if ([...values.propertyIds].sort().join() !== before) out.propertyIds = values.propertyIds;
  return out;
}

function StaffForm(props: {
  title: string;
  roles: StaffDto["role"][];
  properties: PropertyDto[];
  initial: StaffValues;
  withEmail?: boolean;
  submitLabel: string;
  onCancel: () => void;
  onSubmit: (values: StaffValues & { email?: string }) => Promise<void>;
}) {
  const [email, setEmail] = useState("");
  const [name, setName] = useState(props.initial.name);
  const [role, setRole] = useState(props.initial.role);
  const [propertyIds, setPropertyIds] = useState(props.initial.propertyIds);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    await props.onSubmit({ name, role, propertyIds, ...(props.withEmail ? { email } : {}) });
    setBusy(false);
  };
  const toggle = (id: number) =>
    setPropertyIds(propertyIds.includes(id) ? propertyIds.filter((p) => p !== id) : [...propertyIds, id]);
  return (
    <form className="staff-form" onSubmit={submit} aria-label={props.title}>
      <h2>{props.title}</h2>
      {props.withEmail && (
        <label className="field">
          Email
          <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
      )}
      <label className="field">
        Name
        <input required value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <RoleAndPropertiesFields
        roles={props.roles}
        role={role}
        onRole={setRole}
        properties={props.properties}
        isChecked={(p) => propertyIds.includes(p.id)}
        onToggle={(p) => toggle(p.id)}
      />
      <AdminFormActions submitLabel={props.submitLabel} busy={busy} onCancel={props.onCancel} />
    </form>
  );
}
