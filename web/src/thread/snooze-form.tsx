import type { ThreadStatusBody } from "@contract/threads";
import { useThreadAction } from "@web/api/threads";
import { useState } from "react";
import { customSnoozeTime, snoozePresets, snoozeTimeProblem } from "./snooze-presets";
import { formatFullMoment } from "./zoned-time";

type Props = { threadId: number; timeZone: string; onDone: () => void };

/** Snooze to a preset or a custom time on the property's clock; `onDone` once the thread is snoozed. */
export function SnoozeForm({ threadId, timeZone, onDone }: Props) {
  const setStatus = useThreadAction<ThreadStatusBody>(threadId, "status");
  const [custom, setCustom] = useState("");
  const [problem, setProblem] = useState<string | null>(null);

  const snooze = (until: Date | null) => {
    const refused = snoozeTimeProblem(until, new Date(), timeZone);
    setProblem(refused);
    if (refused || !until) return;
    setStatus.mutate({ status: "SNOOZED", snoozedUntil: until.toISOString() }, { onSuccess: onDone });
  };

  const now = new Date();
  return (
    <section className="snooze-form" aria-label="Snooze until">
      <ul className="snooze-presets">
        {snoozePresets(now, timeZone).map((preset) => (
          <li key={preset.label}>
            <button
              type="button"
              className="button ghost snooze-preset"
              disabled={setStatus.isPending}
              title={formatFullMoment(preset.until.toISOString(), timeZone)}
              onClick={() => snooze(preset.until)}
            >
              {preset.label}
            </button>
          </li>
        ))}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          snooze(customSnoozeTime(custom, timeZone));
        }}
      >
        <label>
          Custom time ({timeZone})
          <input type="datetime-local" value={custom} onChange={(e) => setCustom(e.target.value)} />
        </label>
        <button type="submit" className="button primary" disabled={setStatus.isPending}>
          Snooze
        </button>
      </form>
      {(problem ?? setStatus.error) && (
        <p className="form-error" role="alert">
          {problem ?? setStatus.error?.message}
        </p>
      )}
    </section>
  );
}
