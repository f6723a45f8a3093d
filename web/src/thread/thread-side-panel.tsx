import type { ThreadDetailResponse } from "@contract/threads";
import { useProperties } from "@web/api/threads";
import { CHANNEL_LABELS, formatDate, shortTime } from "@web/app/format";
import { formatPhone } from "@web/app/phone";
import { openNewConversation } from "@web/conversations/new-conversation-context";
import { ContactActions } from "./contact-actions";
import { GuestPrivacyActions } from "./guest-privacy-actions";

type Props = { detail: ThreadDetailResponse; onSelectThread: (id: number) => void };

/** Who the guest is and why they are here: contact, consent, booking, their other conversations. */
export function ThreadSidePanel({ detail, onSelectThread }: Props) {
  const { contact, booking, otherThreads } = detail;
  const properties = useProperties().data?.properties ?? [];
  const bookingProperty = booking && properties.find((p) => p.id === booking.propertyId);
  return (
    <aside className="side-panel" aria-label="Guest details">
      <section>
        <h3>Contact</h3>
        <dl>
          <dt>Name</dt>
          <dd>{contact.name ?? "—"}</dd>
          <dt>Phone</dt>
          <dd>{formatPhone(contact.phone) || "—"}</dd>
          <dt>Email</dt>
          <dd title={contact.email ?? undefined}>{contact.email ?? "—"}</dd>
          <dt>Language</dt>
          <dd>{contact.language ?? "—"}</dd>
          {contact.notes && (
            <>
              <dt>Notes</dt>
              <dd className="contact-notes">{contact.notes}</dd>
            </>
          )}
          <dt>WhatsApp</dt>
          <dd
            className={
              contact.whatsappOptedOut || contact.whatsappUnreachableAt ? "consent-out" : "consent-in"
            }
            data-testid="consent-whatsapp"
            title={
              contact.whatsappUnreachableAt
                ? `Gupshup answered 1002 on ${new Date(contact.whatsappUnreachableAt).toLocaleString()}`
                : undefined
            }
          >
            {contact.whatsappOptedOut
              ? "Opted out"
              : contact.whatsappUnreachableAt
                ? "Not on WhatsApp"
                : "May message"}
          </dd>
          <dt>SMS</dt>
          <dd className={contact.smsOptedOut ? "consent-out" : "consent-in"}>
            {contact.smsOptedOut ? "Opted out" : "May message"}
          </dd>
          <dt>Marketing</dt>
          <dd
            className={contact.marketingOptedOut ? "consent-out" : "consent-in"}
            data-testid="consent-marketing"
            title={
              contact.marketingOptedOut
                ? "Marketing templates are refused; replies and utility templates still go out"
                : undefined
            }
          >
            {contact.marketingOptedOut
              ? `Stopped${contact.marketingOptedOutAt ? ` ${shortTime(contact.marketingOptedOutAt)}` : ""}`
              : "May message"}
          </dd>
        </dl>
        <ContactActions contact={contact} threadId={detail.thread.id} />
      </section>
      <section>
        <h3>Booking</h3>
        {booking ? (
          <>
            <dl>
              <dt>Reference</dt>
              <dd>{booking.reference}</dd>
              <dt>Property</dt>
              <dd>{bookingProperty?.name ?? detail.thread.property?.name ?? `#${booking.propertyId}`}</dd>
              <dt>Stay</dt>
              <dd>
                {formatDate(booking.checkIn)} → {formatDate(booking.checkOut)}
              </dd>
              <dt>Status</dt>
              <dd className="capitalize">{booking.status.replace(/_/g, " ").toLowerCase()}</dd>
            </dl>
            <button
              type="button"
              className="button"
              onClick={() =>
                openNewConversation({ booking: { ...booking, guestName: booking.guestName ?? contact.name } })
              }
            >
              Message guest
            </button>
          </>
        ) : (
          <p className="subtle">No booking linked.</p>
        )}
      </section>
      <section>
        <h3>Other conversations</h3>
        {otherThreads.length === 0 ? (
          <p className="subtle">None.</p>
        ) : (
          <ul className="other-threads">
            {otherThreads.map((t) => (
              <li key={t.id}>
                <button type="button" className="link-button" onClick={() => onSelectThread(t.id)}>
                  {t.lastInboundChannel ? CHANNEL_LABELS[t.lastInboundChannel] : "Thread"} ·{" "}
                  {t.status.toLowerCase()} · {shortTime(t.lastMessageAt)}
                </button>
                {t.lastPreview && <p className="subtle small">{t.lastPreview}</p>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <GuestPrivacyActions contactId={contact.id} guestName={contact.name} />
    </aside>
  );
}
