import { apiPost } from "@web/api/http-client";
import { ModalSheet } from "@web/app/modal-sheet";
import { type FormEvent, useEffect, useRef, useState } from "react";

type Props = { onClose: () => void; defaultPhone?: string; defaultName?: string };

/** Simulator mode only: play the guest — write in, opt out, or make the next delivery fail. */
// What the simulated provider can be made to do to the next message, and what the drawer then says.
const PROVIDER_FAULTS = [
  {
    label: "Fail next send attempt",
    route: "/api/simulator/fail-next",
    outcome: "The provider will answer the next send attempt with an error 500; watch the retry.",
  },
  {
    label: "Fail next delivery",
    route: "/api/simulator/fail-next-delivery",
    outcome:
      "The next WhatsApp message will be reported undeliverable (Meta 131026) after it is sent; the thread shows why and offers Send as SMS.",
  },
  {
    label: "Next number not on WhatsApp",
    route: "/api/simulator/not-on-whatsapp-next",
    outcome:
      "Gupshup will answer the next WhatsApp message with 1002 (number not on WhatsApp); the thread offers Send as SMS.",
  },
];

export function SimulateGuestDrawer({ onClose, defaultPhone, defaultName }: Props) {
  const [phone, setPhone] = useState(defaultPhone ?? "919845000099");
  const [name, setName] = useState(defaultName ?? "Test Guest");
  const [channel, setChannel] = useState<"WHATSAPP" | "SMS">("WHATSAPP");
  const [kind, setKind] = useState<"text" | "media">("text");
  const [text, setText] = useState("Hello, is breakfast included?");
  const [mediaUrl, setMediaUrl] = useState("https://picsum.photos/seed/commhub/600/400");
  const [result, setResult] = useState<{ ok: boolean; text: string } | undefined>();
  const [busy, setBusy] = useState(false);
  const firstField = useRef<HTMLInputElement>(null);

  // Runs after the dialog has opened (a child's effect runs first), so this focus is not overridden.
  useEffect(() => {
    firstField.current?.focus();
  }, []);

  const run = async (what: string, url: string, body: unknown) => {
    setBusy(true);
    setResult(undefined);
    try {
      await apiPost(url, body);
      setResult({ ok: true, text: what });
    } catch (err) {
      setResult({ ok: false, text: err instanceof Error ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  };

  const sendGuestMessage = (event: FormEvent) => {
    event.preventDefault();
    void run("The guest's message was delivered to the inbox.", "/api/simulator/guest-message", {
      phone,
      name: name || undefined,
      channel,
      ...(kind === "text" ? { text } : { mediaUrl, mediaType: "image" }),
    });
  };

  return (
    <ModalSheet title="Simulate guest" variant="drawer" onClose={onClose}>
      <p className="subtle small">
        The server runs the Gupshup simulator: nothing leaves this machine. Play the guest to try the whole
        loop.
      </p>
      <form className="drawer-form" onSubmit={sendGuestMessage}>
        <label className="field">
          Guest phone (with country code)
          <input ref={firstField} value={phone} onChange={(e) => setPhone(e.target.value)} required />
        </label>
        <label className="field">
          Guest name
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          Channel
          <select value={channel} onChange={(e) => setChannel(e.target.value as "WHATSAPP" | "SMS")}>
            <option value="WHATSAPP">WhatsApp</option>
            <option value="SMS">SMS</option>
          </select>
        </label>
        <fieldset className="segmented">
          <legend className="visually-hidden">Content</legend>
          <label className={kind === "text" ? "active" : undefined}>
            <input type="radio" checked={kind === "text"} onChange={() => setKind("text")} /> Text
          </label>
          <label className={kind === "media" ? "active" : undefined}>
            <input type="radio" checked={kind === "media"} onChange={() => setKind("media")} /> Image URL
          </label>
        </fieldset>
        {kind === "text" ? (
          <label className="field">
            Guest's message
            <textarea value={text} rows={3} onChange={(e) => setText(e.target.value)} required />
          </label>
        ) : (
          <label className="field">
            Image URL
            <input type="url" value={mediaUrl} onChange={(e) => setMediaUrl(e.target.value)} required />
          </label>
        )}
        <button type="submit" className="button primary" disabled={busy}>
          Send as guest
        </button>
      </form>
      <div className="drawer-section">
        <h3>Other guest actions</h3>
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void run("The guest opted out of WhatsApp.", "/api/simulator/opt-out", { phone })}
        >
          Opt out of WhatsApp
        </button>
        {PROVIDER_FAULTS.map((fault) => (
          <button
            key={fault.route}
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void run(fault.outcome, fault.route, {})}
          >
            {fault.label}
          </button>
        ))}
      </div>
      {result && (
        <p className={result.ok ? "drawer-result ok" : "form-error"} role="status">
          {result.text}
        </p>
      )}
    </ModalSheet>
  );
}
