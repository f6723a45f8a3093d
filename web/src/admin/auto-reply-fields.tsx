import type { AutoReplyBody } from "@contract/business-hours";

/** The automatic replies' settings: the out-of-hours answer (text, template, spacing) and the greeting. */
export function AutoReplyFields(props: { value: AutoReplyBody; onChange: (value: AutoReplyBody) => void }) {
  const { value } = props;
  const set = (patch: Partial<AutoReplyBody>) => props.onChange({ ...value, ...patch });
  return (
    <>
      <fieldset className="hours-replies">
        <legend>Out-of-hours reply</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={value.outOfHoursEnabled}
            onChange={(e) => set({ outOfHoursEnabled: e.target.checked })}
          />
          Reply automatically when a guest writes while the property is closed
        </label>
        <label className="field">
          Reply text{" "}
          <span className="field-hint">SMS, and WhatsApp within 24 hours of the guest's message</span>
          <textarea
            rows={3}
            maxLength={1000}
            value={value.outOfHoursText}
            onChange={(e) => set({ outOfHoursText: e.target.value })}
          />
        </label>
        <div className="hours-pair">
          <label className="field">
            WhatsApp template <span className="field-hint">approved template name, for a closed window</span>
            <input
              value={value.outOfHoursTemplateName ?? ""}
              maxLength={200}
              onChange={(e) => set({ outOfHoursTemplateName: e.target.value.trim() ? e.target.value : null })}
            />
          </label>
          <label className="field">
            Template parameters <span className="field-hint">comma-separated</span>
            <input
              value={value.outOfHoursTemplateParams.join(", ")}
              onChange={(e) =>
                set({
                  outOfHoursTemplateParams: e.target.value
                    .split(",")
                    .map((p) => p.trim())
                    .filter(Boolean),
                })
              }
            />
          </label>
        </div>
        <label className="field hours-interval">
          At most one reply per conversation every (minutes)
          <input
            type="number"
            min={1}
            max={10080}
            value={value.minIntervalMinutes}
            onChange={(e) => set({ minIntervalMinutes: Number(e.target.value) })}
          />
        </label>
      </fieldset>
      <fieldset className="hours-replies">
        <legend>Greeting</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={value.greetingEnabled}
            onChange={(e) => set({ greetingEnabled: e.target.checked })}
          />
          Greet a guest on their very first message
        </label>
        <label className="field">
          Greeting text
          <textarea
            rows={2}
            maxLength={1000}
            value={value.greetingText}
            onChange={(e) => set({ greetingText: e.target.value })}
          />
        </label>
      </fieldset>
    </>
  );
}
