import type { MessageInteractive, MessageReplyTo } from "@contract/messages";

/** The message a guest replied to, shown above their reply; a click scrolls to it when it is loaded. */
export function QuotedMessage({ replyTo }: { replyTo: MessageReplyTo }) {
  const text = replyTo.text ?? "A message not in this conversation";
  const jump = () =>
    document
      .querySelector(`[data-message-id="${replyTo.messageId}"]`)
      ?.scrollIntoView({ behavior: "smooth", block: "center" });
  return (
    <blockquote className="quoted" data-testid="quoted-message">
      {replyTo.messageId !== null ? (
        <button type="button" className="quoted-jump" onClick={jump} title="Show the quoted message">
          {text}
        </button>
      ) : (
        <span className="subtle">{text}</span>
      )}
    </blockquote>
  );
}

/** What the guest tapped (button, list row) or submitted (flow), and what our automation matches on. */
export function TappedReply({ interactive }: { interactive: MessageInteractive }) {
  const flow = interactive.kind === "nfm_reply";
  const label = interactive.title || interactive.kind.replace(/_/g, " ");
  const answers = flow && isRecord(interactive.response) ? Object.entries(interactive.response) : [];
  return (
    <div className="tapped" data-testid="tapped-reply" data-kind={interactive.kind}>
      <p className="tapped-title">
        <span className="tapped-label">{flow ? "Form sent:" : "Tapped:"}</span> {label}
      </p>
      {interactive.description && <p className="subtle small">{interactive.description}</p>}
      {answers.length > 0 && (
        <dl className="tapped-answers">
          {answers.map(([key, value]) => (
            <div key={key}>
              <dt>{key}</dt>
              <dd>{typeof value === "string" ? value : JSON.stringify(value)}</dd>
            </div>
          ))}
        </dl>
      )}
      {interactive.payload && interactive.payload !== interactive.title && (
        <p className="subtle small tapped-payload" title="The payload automations match on">
          Payload: <code>{interactive.payload}</code>
        </p>
      )}
    </div>
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
