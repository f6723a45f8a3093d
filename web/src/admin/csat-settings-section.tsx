import { type CsatSettingsDto, DEFAULT_CSAT_SURVEY_TEXT } from "@contract/csat";
import type { PropertyDto } from "@contract/properties";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { apiGet, apiPut } from "@web/api/http-client";
import { type FormEvent, useEffect, useState } from "react";
import "./csat-settings-section.css";

type Values = { enabled: boolean; delayMinutes: string; templateName: string; surveyText: string };

const toValues = (s: CsatSettingsDto): Values => ({
  enabled: s.enabled,
  delayMinutes: String(s.delayMinutes),
  templateName: s.templateName ?? "",
  surveyText: s.surveyText,
});

/**
 * A property's guest-satisfaction survey (on/off, delay, survey text, the WhatsApp template for guests
 * whose 24-hour window has closed), folded under the property's row. Admins and the property's managers.
 */
export function CsatSettingsSection({ property }: { property: PropertyDto }) {
  const [open, setOpen] = useState(false);
  const key = ["csat-settings", property.id];
  const client = useQueryClient();
  const settings = useQuery({
    queryKey: key,
    queryFn: () => apiGet<{ settings: CsatSettingsDto }>(`/api/properties/${property.id}/csat`),
    enabled: open,
  });
  const [values, setValues] = useState<Values>();
  const [status, setStatus] = useState<{ error?: string; saved?: boolean }>({});
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (settings.data) setValues(toValues(settings.data.settings));
  }, [settings.data]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!values) return;
    const delay = Number(values.delayMinutes);
    if (!Number.isInteger(delay) || delay < 0 || delay > 10_080) {
      setStatus({ error: "The delay is a whole number of minutes from 0 to 10080 (a week)." });
      return;
    }
    setBusy(true);
    try {
      const saved = await apiPut<{ settings: CsatSettingsDto }>(`/api/properties/${property.id}/csat`, {
        enabled: values.enabled,
        delayMinutes: delay,
        templateName: values.templateName.trim() || null,
        surveyText: values.surveyText.trim() || DEFAULT_CSAT_SURVEY_TEXT,
      });
      client.setQueryData(key, saved);
      setStatus({ saved: true });
    } catch (err) {
      setStatus({ error: err instanceof Error ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="csat-settings property-setting" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        Satisfaction survey
        {settings.data && (
          <span className="csat-settings-state">{settings.data.settings.enabled ? "on" : "off"}</span>
        )}
      </summary>
      {settings.isError && (
        <p className="form-error" role="alert">
          {settings.error.message}
        </p>
      )}
      {values && (
        <form
          className="csat-settings-form"
          onSubmit={submit}
          aria-label={`Satisfaction survey for ${property.name}`}
        >
          <label className="csat-settings-toggle">
            <input
              type="checkbox"
              checked={values.enabled}
              onChange={(e) => setValues({ ...values, enabled: e.target.checked })}
            />
            Ask guests to rate 1–5 after their conversation is resolved
          </label>
          <label className="field">
            Delay in minutes{" "}
            <span className="field-hint">after resolving; none is sent if it reopens first</span>
            <input
              type="number"
              min={0}
              max={10_080}
              inputMode="numeric"
              value={values.delayMinutes}
              onChange={(e) => setValues({ ...values, delayMinutes: e.target.value })}
            />
          </label>
          <label className="field">
            Survey text{" "}
            <span className="field-hint">WhatsApp shows it above a 1–5 list; SMS adds "reply 1–5"</span>
            <textarea
              rows={2}
              maxLength={500}
              value={values.surveyText}
              onChange={(e) => setValues({ ...values, surveyText: e.target.value })}
            />
          </label>
          <label className="field">
            WhatsApp template name{" "}
            <span className="field-hint">
              optional; for guests outside the 24-hour window (skipped without one)
            </span>
            <input
              value={values.templateName}
              maxLength={200}
              onChange={(e) => setValues({ ...values, templateName: e.target.value })}
            />
          </label>
          {status.error && (
            <p className="form-error" role="alert">
              {status.error}
            </p>
          )}
          <div className="csat-settings-actions">
            <button type="submit" className="button primary" disabled={busy}>
              {busy ? "Saving…" : "Save survey"}
            </button>
            {status.saved && !busy && <span role="status">Saved</span>}
          </div>
        </form>
      )}
    </details>
  );
}
