import type { Channel } from "@web/api/outbound";

const CHOICES: { value: Channel; label: string }[] = [
  { value: "WHATSAPP", label: "WhatsApp" },
  { value: "SMS", label: "SMS" },
];

export function ChannelPicker({ value, onChange }: { value: Channel; onChange: (c: Channel) => void }) {
  return (
    <fieldset className="channel-picker">
      <legend className="visually-hidden">Send on</legend>
      {CHOICES.map((c) => (
        <label key={c.value} className={value === c.value ? "active" : undefined}>
          <input
            type="radio"
            name="channel"
            value={c.value}
            checked={value === c.value}
            onChange={() => onChange(c.value)}
          />
          {c.label}
        </label>
      ))}
    </fieldset>
  );
}
