import type { BusinessHoursBody, DayHours } from "@contract/business-hours";

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MAX_SHIFTS_PER_DAY = 4;

/** A closing time of midnight is the end of the day: the time input cannot show 24:00. */
export const closeForInput = (close: string) => (close === "24:00" ? "00:00" : close);
export const closeFromInput = (close: string) => (close === "00:00" ? "24:00" : close);

/** The week's opening hours, one row per day with its stretches (a close before the open runs past midnight). */
export function WeeklyHoursFields(props: {
  weekly: BusinessHoursBody["weekly"];
  onChange: (weekly: BusinessHoursBody["weekly"]) => void;
}) {
  const setDay = (day: number, shifts: DayHours[]) =>
    props.onChange(props.weekly.map((s, i) => (i === day ? shifts : s)));
  return (
    <fieldset className="hours-week">
      <legend>Opening hours</legend>
      {DAYS.map((name, day) => {
        const shifts = props.weekly[day] ?? [];
        return (
          <div key={name} className="hours-day">
            <span className="hours-day-name">{name}</span>
            <div className="hours-shifts">
              {shifts.length === 0 && <span className="subtle">Closed</span>}
              {shifts.map((shift, index) => {
                const update = (patch: Partial<DayHours>) =>
                  setDay(
                    day,
                    shifts.map((s, i) => (i === index ? { ...s, ...patch } : s)),
                  );
                const key = `${name}-${index}`;
                return (
                  <div key={key} className="hours-shift">
                    <input
                      type="time"
                      aria-label={`${name} opens`}
                      value={shift.open}
                      required
                      onChange={(e) => update({ open: e.target.value })}
                    />
                    <span aria-hidden="true">–</span>
                    <input
                      type="time"
                      aria-label={`${name} closes`}
                      value={closeForInput(shift.close)}
                      required
                      onChange={(e) => update({ close: closeFromInput(e.target.value) })}
                    />
                    <button
                      type="button"
                      className="button small ghost"
                      aria-label={`Remove ${name} ${shift.open}–${shift.close}`}
                      onClick={() =>
                        setDay(
                          day,
                          shifts.filter((_, i) => i !== index),
                        )
                      }
                    >
                      Remove
                    </button>
                  </div>
                );
              })}
            </div>
            {shifts.length < MAX_SHIFTS_PER_DAY && (
              <button
                type="button"
                className="button small"
                aria-label={`Add hours on ${name}`}
                onClick={() => setDay(day, [...shifts, { open: "09:00", close: "17:00" }])}
              >
                Add hours
              </button>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}

/** Dates the property is closed all day (holidays, closures), each with an optional label. */
export function ClosuresFields(props: {
  closures: BusinessHoursBody["closures"];
  onChange: (closures: BusinessHoursBody["closures"]) => void;
}) {
  const { closures } = props;
  const update = (index: number, patch: { date?: string; label?: string }) =>
    props.onChange(closures.map((c, i) => (i === index ? { ...c, ...patch } : c)));
  return (
    <fieldset className="hours-closures">
      <legend>Holidays and closures</legend>
      {closures.length === 0 && <p className="subtle">None.</p>}
      {closures.map((closure, index) => {
        const key = `closure-${index}`;
        return (
          <div key={key} className="hours-closure">
            <input
              type="date"
              aria-label={`Closed on (closure ${index + 1})`}
              value={closure.date}
              required
              onChange={(e) => update(index, { date: e.target.value })}
            />
            <input
              aria-label={`Label (closure ${index + 1})`}
              placeholder="Label, e.g. Diwali"
              maxLength={100}
              value={closure.label ?? ""}
              onChange={(e) => update(index, { label: e.target.value })}
            />
            <button
              type="button"
              className="button small ghost"
              aria-label={`Remove closure ${index + 1}`}
              onClick={() => props.onChange(closures.filter((_, i) => i !== index))}
            >
              Remove
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="button small"
        onClick={() => props.onChange([...closures, { date: new Date().toISOString().slice(0, 10) }])}
      >
        Add closure
      </button>
    </fieldset>
  );
}
