import type { ContactDto } from "@contract/contacts";
import { ApiError } from "@web/api/http-client";
import type { Channel } from "@web/api/outbound";
import { useProperties } from "@web/api/threads";
import { formatDate } from "@web/app/format";
import { ModalSheet } from "@web/app/modal-sheet";
import { formatPhone } from "@web/app/phone";
import { type FormEvent, useEffect, useMemo, useState } from "react";
import { useDefaultCountry, useGuestSearch, useStartConversation } from "./conversations-api";
import type { NewConversationStart } from "./new-conversation-context";
import { countryChoices, readTypedPhone } from "./typed-phone";
import "./new-conversation.css";

type Props = {
  start: NewConversationStart;
  /** The inbox's property filter, if any: the likely property. */
  defaultPropertyId?: number;
  onClose: () => void;
  onStarted: (threadId: number, channel: Channel) => void;
};

const CHANNELS: { value: Channel; label: string }[] = [
  { value: "WHATSAPP", label: "WhatsApp" },
  { value: "SMS", label: "SMS" },
];

/**
 * "New conversation": a guest found by name, phone, email or booking reference, or a new number with its
 * country; the property (one of the person's) and the channel. The server finds or creates the thread.
 */
export function NewConversationDialog({ start, defaultPropertyId, onClose, onStarted }: Props) {
  const booking = start.booking;
  const properties = useProperties().data?.properties ?? [];
  const defaultCountry = useDefaultCountry() ?? "IN";
  const countries = useMemo(countryChoices, []);
  const [mode, setMode] = useState<"find" | "new">("find");
  const [search, setSearch] = useState("");
  const [debounced, setDebounced] = useState("");
  const [guest, setGuest] = useState<ContactDto | undefined>();
  const [country, setCountry] = useState<string | undefined>();
  const [phone, setPhone] = useState("");
  const [name, setName] = useState("");
  const [propertyId, setPropertyId] = useState<number | undefined>(booking?.propertyId ?? defaultPropertyId);
  const [channel, setChannel] = useState<Channel>("WHATSAPP");
  const [error, setError] = useState<string | undefined>();
  const startConversation = useStartConversation();

  useEffect(() => {
    const timer = setTimeout(() => setDebounced(search), 250);
    return () => clearTimeout(timer);
  }, [search]);
  const results = useGuestSearch(mode === "find" && !guest && !booking ? debounced : "");

  const chosenCountry = country ?? defaultCountry;
  const typed = mode === "new" && phone.trim() ? readTypedPhone(phone, chosenCountry) : undefined;
  const property = propertyId ?? (properties.length === 1 ? properties[0]?.id : undefined);
  const bookingProperty = booking && properties.find((p) => p.id === booking.propertyId);
  const optedOut = guest && (channel === "WHATSAPP" ? guest.whatsappOptedOut : guest.smsOptedOut);
  const hasGuest = Boolean(booking) || (mode === "find" ? Boolean(guest) : Boolean(typed));
  const canStart = hasGuest && property !== undefined && !optedOut && !startConversation.isPending;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!canStart || property === undefined) return;
    setError(undefined);
    const who = booking
      ? { bookingId: booking.id }
      : mode === "find"
        ? { contactId: guest?.id }
        : { phone, country: chosenCountry, name: name.trim() || undefined };
    try {
      const answer = await startConversation.mutateAsync({
        channel,
        ...(booking ? {} : { propertyId: property }),
        ...who,
      });
      onStarted(answer.threadId, channel);
    } catch (err) {
      setError(err instanceof ApiError || err instanceof Error ? err.message : String(err));
    }
  };

  const looksLikeNumber = /^[\s+()\-.\d]{6,}$/.test(search.trim());
  return (
    <ModalSheet title="New conversation" variant="sheet" className="new-conversation" onClose={onClose}>
      <form className="new-conversation-form" onSubmit={submit}>
        {booking ? (
          <p className="new-conversation-booking" data-testid="new-conversation-booking">
            Booking <strong>{booking.reference}</strong>
            {booking.guestName ? ` · ${booking.guestName}` : ""} · arrives {formatDate(booking.checkIn)}
            {bookingProperty ? ` at ${bookingProperty.name}` : ""}
          </p>
        ) : (
          <fieldset className="new-conversation-guest">
            <legend>Guest</legend>
            <div className="segmented" role="radiogroup" aria-label="Who">
              {(["find", "new"] as const).map((m) => (
                <label key={m} className={mode === m ? "active" : undefined}>
                  <input
                    type="radio"
                    name="new-conversation-mode"
                    checked={mode === m}
                    onChange={() => setMode(m)}
                  />
                  {m === "find" ? "Find a guest" : "New number"}
                </label>
              ))}
            </div>
            {mode === "find" ? (
              guest ? (
                <div className="chosen-guest" data-testid="chosen-guest">
                  <span>
                    <strong>{guest.name ?? formatPhone(guest.phone)}</strong>
                    <span className="subtle small">
                      {" "}
                      {guest.name ? formatPhone(guest.phone) : guest.email}
                    </span>
                  </span>
                  <button type="button" className="link-button" onClick={() => setGuest(undefined)}>
                    Change
                  </button>
                </div>
              ) : (
                <>
                  <label className="field">
                    Name, phone, email or booking reference
                    <input
                      type="search"
                      value={search}
                      autoComplete="off"
                      // biome-ignore lint/a11y/noAutofocus: the dialog exists to type this
                      autoFocus
                      onChange={(e) => setSearch(e.target.value)}
                    />
                  </label>
                  <GuestResults
                    loading={results.isFetching}
                    guests={debounced.trim().length >= 2 ? results.data?.contacts : undefined}
                    onChoose={setGuest}
                  />
                  {looksLikeNumber && (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        setPhone(search.trim());
                        setMode("new");
                      }}
                    >
                      Message {search.trim()} as a new number
                    </button>
                  )}
                </>
              )
            ) : (
              <>
                <div className="new-number">
                  <label className="field">
                    Country
                    <select value={chosenCountry} onChange={(e) => setCountry(e.target.value)}>
                      {countries.map((c) => (
                        <option key={c.code} value={c.code}>
                          {c.label}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label className="field">
                    Phone number
                    <input
                      type="tel"
                      inputMode="tel"
                      autoComplete="off"
                      value={phone}
                      aria-invalid={phone.trim() !== "" && !typed}
                      aria-describedby="new-number-reading"
                      onChange={(e) => setPhone(e.target.value)}
                    />
                  </label>
                </div>
                <p id="new-number-reading" className="small subtle" aria-live="polite">
                  {!phone.trim()
                    ? "Without a country code, the number is read for the country chosen."
                    : typed
                      ? `Will message ${typed.display}`
                      : "Not a phone number for this country: check the digits, or start with + and the country code."}
                </p>
                <label className="field">
                  Name (optional)
                  <input value={name} autoComplete="off" onChange={(e) => setName(e.target.value)} />
                </label>
              </>
            )}
          </fieldset>
        )}
        {!booking && (
          <label className="field">
            Property
            <select
              value={property ?? ""}
              onChange={(e) => setPropertyId(Number(e.target.value) || undefined)}
            >
              {property === undefined && <option value="">Choose a property…</option>}
              {properties.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <fieldset className="channel-picker new-conversation-channel">
          <legend>Channel</legend>
          {CHANNELS.map((c) => (
            <label key={c.value} className={channel === c.value ? "active" : undefined}>
              <input
                type="radio"
                name="new-conversation-channel"
                value={c.value}
                checked={channel === c.value}
                onChange={() => setChannel(c.value)}
              />
              {c.label}
            </label>
          ))}
        </fieldset>
        {optedOut && (
          <p className="composer-warning" role="alert">
            {guest?.name ?? "This guest"} opted out of {channel === "WHATSAPP" ? "WhatsApp" : "SMS"}: choose
            another channel.
          </p>
        )}
        {channel === "WHATSAPP" && (
          <p className="small subtle">
            Unless the guest wrote on WhatsApp in the last 24 hours, the first message is an approved
            template.
          </p>
        )}
        {error && (
          <p className="form-error" role="alert" data-testid="new-conversation-error">
            {error}
          </p>
        )}
        <div className="new-conversation-actions">
          <button type="button" className="button ghost" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={!canStart}>
            {startConversation.isPending ? "Starting…" : "Start conversation"}
          </button>
        </div>
      </form>
    </ModalSheet>
  );
}

function GuestResults({
  loading,
  guests,
  onChoose,
}: {
  loading: boolean;
  guests: ContactDto[] | undefined;
  onChoose: (guest: ContactDto) => void;
}) {
  if (!guests) return null;
  if (guests.length === 0)
    return <p className="small subtle">{loading ? "Searching…" : "No guest found. Try New number."}</p>;
  return (
    <ul className="guest-results" aria-label="Guests found">
      {guests.map((g) => (
        <li key={g.id}>
          <button type="button" onClick={() => onChoose(g)}>
            <strong>{g.name ?? formatPhone(g.phone)}</strong>
            <span className="small subtle">
              {[g.name ? formatPhone(g.phone) : "", g.email ?? ""].filter(Boolean).join(" · ")}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
