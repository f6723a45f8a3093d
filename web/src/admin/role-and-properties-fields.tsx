import type { StaffRole } from "@contract/auth";
import type { PropertyDto } from "@contract/properties";

type RoleAndPropertiesProps = {
  roles: StaffRole[];
  role: StaffRole;
  onRole: (role: StaffRole) => void;
  properties: PropertyDto[];
  isChecked: (property: PropertyDto) => boolean;
  onToggle: (property: PropertyDto) => void;
};

/** A role, and the properties it acts on (none to pick for an admin, who acts on all of them). */
export function RoleAndPropertiesFields(props: RoleAndPropertiesProps) {
  return (
    <>
      <label className="field">
        Role
        <select value={props.role} onChange={(e) => props.onRole(e.target.value as StaffRole)}>
          {props.roles.map((r) => (
            <option key={r} value={r}>
              {r.toLowerCase()}
            </option>
          ))}
        </select>
      </label>
      {props.role !== "ADMIN" && (
        <fieldset className="staff-properties">
          <legend>Properties</legend>
          {props.properties.map((p) => (
            <label key={p.id} className="check">
              <input type="checkbox" checked={props.isChecked(p)} onChange={() => props.onToggle(p)} />
              {p.code} · {p.name}
            </label>
          ))}
        </fieldset>
      )}
    </>
  );
}

/** Submit and Cancel at the foot of an administration form. */
export function AdminFormActions(props: { submitLabel: string; busy: boolean; onCancel: () => void }) {
  return (
    <div className="staff-form-actions">
      <button type="submit" className="button primary" disabled={props.busy}>
        {props.submitLabel}
      </button>
      <button type="button" className="button ghost" onClick={props.onCancel}>
        Cancel
      </button>
    </div>
  );
}
