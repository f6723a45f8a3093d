import type { AutoReplyBody, BusinessHoursBody } from "@contract/business-hours";
import type { PropertyDto } from "@contract/properties";
import { type FormEvent, useState } from "react";
import { AutoReplyFields } from "./auto-reply-fields";
import {
  type AutoReplySettings,
  type BusinessHoursSettings,
  usePropertyHours,
  useSavePropertyHours,
} from "./business-hours-api";
import { ClosuresFields, WeeklyHoursFields } from "./weekly-hours-fields";
import "./business-hours-section.css";

/**
 * A property's business hours and automatic replies, folded under its row on the Properties screen.
 * Admins and the property's managers edit them; the server checks the same.
 */
export function BusinessHoursSection({ property }: { property: PropertyDto }) {
  const [open, setOpen] = useState(false);
  return (
    <details
      className="hours-section property-setting"
      onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}
      aria-label={`Business hours and automatic replies of ${property.name}`}
    >
      <summary>Business hours &amp; auto-reply</summary>
      {open && <HoursLoader propertyId={property.id} propertyName={property.name} />}
    </details>
  );
}

function HoursLoader(props: { propertyId: number; propertyName: string }) {
  const query = usePropertyHours(props.propertyId);
  if (query.isPending) return <p className="subtle">Loading…</p>;
  if (query.isError)
    return (
      <p className="form-error" role="alert">
        {query.error.message}
      </p>
    );
  return <HoursForm {...props} hours={query.data.hours} autoReply={query.data.autoReply} />;
}

function HoursForm(props: {
  propertyId: number;
  propertyName: string;
  hours: BusinessHoursSettings;
  autoReply: AutoReplySettings;
}) {
  const save = useSavePropertyHours(props.propertyId);
  const [hours, setHours] = useState<BusinessHoursBody>({
    enabled: props.hours.enabled,
    weekly: props.hours.weekly,
    closures: props.hours.closures,
  });
  const { propertyId: _, ...savedReplies } = props.autoReply;
  const [replies, setReplies] = useState<AutoReplyBody>(savedReplies);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string }>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setMessage(undefined);
    try {
      await save(
        {
          ...hours,
          closures: hours.closures.map((c) => ({ date: c.date, label: c.label?.trim() || undefined })),
        },
        replies,
      );
      setMessage({ error: false, text: "Saved." });
    } catch (err) {
      setMessage({ error: true, text: err instanceof Error ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="hours-form" onSubmit={submit} aria-label={`Business hours of ${props.propertyName}`}>
      <p className="subtle">
        Times are in {props.hours.timeZone}, the property's time zone.{" "}
        <span data-testid="hours-open-now">
          {props.hours.enabled
            ? props.hours.openNow
              ? "Open now."
              : "Closed now."
            : "Open around the clock."}
        </span>
      </p>
      <label className="check">
        <input
          type="checkbox"
          checked={hours.enabled}
          onChange={(e) => setHours({ ...hours, enabled: e.target.checked })}
        />
        Keep business hours (off: open around the clock)
      </label>
      {hours.enabled && (
        <>
          <WeeklyHoursFields weekly={hours.weekly} onChange={(weekly) => setHours({ ...hours, weekly })} />
          <ClosuresFields
            closures={hours.closures}
            onChange={(closures) => setHours({ ...hours, closures })}
          />
        </>
      )}
      <AutoReplyFields value={replies} onChange={setReplies} />
      {message && (
        <p className={message.error ? "form-error" : "hours-saved"} role={message.error ? "alert" : "status"}>
          {message.text}
        </p>
      )}
      <div className="staff-form-actions">
        <button type="submit" className="button primary" disabled={busy}>
          Save hours and replies
        </button>
      </div>
    </form>
  );
}
