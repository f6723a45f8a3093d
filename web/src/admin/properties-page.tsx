import type { StaffProfile } from "@contract/auth";
import type { PropertyDto } from "@contract/properties";
import { useQueryClient } from "@tanstack/react-query";
import { apiPatch, apiPost } from "@web/api/http-client";
import { formatPhone } from "@web/app/phone";
import { type FormEvent, useEffect, useId, useState } from "react";
import { AdminTopbar } from "./admin-topbar";
import { BusinessHoursSection } from "./business-hours-section";
import { CsatSettingsSection } from "./csat-settings-section";
import { AdminFormActions } from "./role-and-properties-fields";
import { SlaPoliciesSection } from "./sla-policies-section";
import { usePropertyNames } from "./staff-api";

type Policy = PropertyDto["assignmentPolicy"];
type Values = {
  code: string;
  name: string;
  timezone: string;
  whatsappNumber: string;
  assignmentPolicy: Policy;
};

const POLICIES: Record<Policy, string> = {
  BOOKING_LINKED: "Only threads with a booking",
  ALL: "Every new thread",
};

/** Whether the browser knows `zone` as an IANA time zone (the server checks the same way). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone.trim().length > 0;
  } catch {
    return false;
  }
}

/**
 * Properties: admins create and edit them (name, time zone, WhatsApp number, auto-assignment); managers
 * see their own, read-only. The code is fixed once created: bookings and API keys name properties by it.
 */
export function PropertiesPage({ user }: { user: StaffProfile }) {
  const list = usePropertyNames();
  const client = useQueryClient();
  const isAdmin = user.role === "ADMIN";
  const [adding, setAdding] = useState(false);
  const [editingId, setEditingId] = useState<number>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    document.title = "Properties · commhub";
  }, []);

  const run = async (action: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await action();
      await client.invalidateQueries({ queryKey: ["properties"] });
      return true;
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      return false;
    }
  };

  return (
    <div className="hub staff-admin">
      <AdminTopbar screen="Properties" />
      <main className="staff-main">
        <div className="staff-heading">
          <h1>Properties</h1>
          {isAdmin && (
            <button type="button" className="button primary" onClick={() => setAdding(!adding)}>
              {adding ? "Close" : "Add property"}
            </button>
          )}
        </div>
        {!isAdmin && (
          <p className="subtle">
            Your properties. Administrators change their names and numbers; you set business hours,
            response-time targets and surveys.
          </p>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {adding && (
          <PropertyForm
            title="New property"
            initial={{
              code: "",
              name: "",
              timezone: "Asia/Kolkata",
              whatsappNumber: "",
              assignmentPolicy: "BOOKING_LINKED",
            }}
            submitLabel="Create"
            onCancel={() => setAdding(false)}
            onSubmit={async (v) => {
              const body = { ...v, whatsappNumber: v.whatsappNumber.trim() || undefined };
              if (await run(() => apiPost("/api/properties", body))) setAdding(false);
            }}
          />
        )}
        {list.isPending && <p className="subtle">Loading properties…</p>}
        <ul className="staff-list" aria-label="Properties">
          {(list.data ?? []).map((p) => (
            <li key={p.id} className="staff-row">
              <div className="staff-who">
                <strong>{p.name}</strong>
                <span className="property-code">{p.code}</span>
              </div>
              <div className="staff-facts">
                <span data-testid="property-timezone">{p.timezone}</span>
                <span>
                  {p.whatsappNumber ? `WhatsApp ${formatPhone(p.whatsappNumber)}` : "No WhatsApp number"}
                </span>
                <span>{POLICIES[p.assignmentPolicy]}</span>
                {p.isDefault && <span className="badge">default</span>}
              </div>
              <div className="staff-actions">
                {isAdmin && (
                  <button
                    type="button"
                    className="button small"
                    aria-label={`Edit ${p.name}`}
                    onClick={() => setEditingId(p.id)}
                  >
                    Edit
                  </button>
                )}
              </div>
              {editingId === p.id && (
                <PropertyForm
                  title={`Edit ${p.name}`}
                  initial={{ ...p, whatsappNumber: p.whatsappNumber ?? "" }}
                  fixedCode
                  submitLabel="Save"
                  onCancel={() => setEditingId(undefined)}
                  onSubmit={async ({ code: _, ...v }) => {
                    const body = { ...v, whatsappNumber: v.whatsappNumber.trim() || null };
                    if (await run(() => apiPatch(`/api/properties/${p.id}`, body))) setEditingId(undefined);
                  }}
                />
              )}
              <BusinessHoursSection property={p} />
              <SlaPoliciesSection property={p} canEdit={isAdmin || user.role === "MANAGER"} />
              <CsatSettingsSection property={p} />
            </li>
          ))}
        </ul>
      </main>
    </div>
  );
}

function PropertyForm(props: {
  title: string;
  initial: Values;
  fixedCode?: boolean;
  submitLabel: string;
  onCancel: () => void;
  onSubmit: (values: Values) => Promise<void>;
}) {
  const [values, setValues] = useState(props.initial);
  const [busy, setBusy] = useState(false);
  const [zoneError, setZoneError] = useState<string>();
  const zonesId = useId();
  const set = (field: keyof Values) => (e: { target: { value: string } }) =>
    setValues({ ...values, [field]: e.target.value });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!isTimeZone(values.timezone)) {
      setZoneError(
        `"${values.timezone}" is not a time zone; pick one such as Asia/Kolkata or Europe/London.`,
      );
      return;
    }
    setZoneError(undefined);
    setBusy(true);
    await props.onSubmit({ ...values, timezone: values.timezone.trim() });
    setBusy(false);
  };
  return (
    <form className="staff-form" onSubmit={submit} aria-label={props.title} noValidate>
      <h2>{props.title}</h2>
      <label className="field">
        Code{" "}
        <span className="field-hint">
          {props.fixedCode ? "fixed: bookings and API keys refer to it" : "letters, digits, - and _"}
        </span>
        <input
          required
          value={values.code}
          readOnly={props.fixedCode}
          pattern="[A-Za-z0-9_-]{1,32}"
          onChange={set("code")}
        />
      </label>
      <label className="field">
        Name
        <input required maxLength={200} value={values.name} onChange={set("name")} />
      </label>
      <label className="field">
        Time zone <span className="field-hint">the property's clock for snoozes, days and reports</span>
        <input
          required
          list={zonesId}
          value={values.timezone}
          onChange={set("timezone")}
          aria-invalid={zoneError ? true : undefined}
        />
        <datalist id={zonesId}>
          {Intl.supportedValuesOf("timeZone").map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </label>
      {zoneError && (
        <p className="form-error" role="alert">
          {zoneError}
        </p>
      )}
      <label className="field">
        WhatsApp number <span className="field-hint">optional; guests writing to it reach this property</span>
        <input type="tel" value={values.whatsappNumber} onChange={set("whatsappNumber")} />
      </label>
      <label className="field">
        Auto-assign
        <select value={values.assignmentPolicy} onChange={set("assignmentPolicy")}>
          {Object.entries(POLICIES).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <AdminFormActions submitLabel={props.submitLabel} busy={busy} onCancel={props.onCancel} />
    </form>
  );
}
