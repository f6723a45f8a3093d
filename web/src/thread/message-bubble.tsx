import type { MessageItem } from "@contract/timeline";
import { useDismissFailure, useMessageDetail, useRetry, useSendAsSms } from "@web/api/outbound";
import { CHANNEL_LABELS } from "@web/app/format";
import { useState } from "react";
import type { z } from "zod";
import { MessageMedia } from "./message-media";
import { QuotedMessage, TappedReply } from "./message-reply-parts";
import { MessageSender } from "./message-sender";
import { MessageText } from "./message-text";
import { StatusTicks } from "./status-ticks";
import { ThreadClock } from "./thread-time-zone";
import { tickSteps } from "./tick-history";

type Message = z.infer<typeof MessageItem>;

// What our mapped failure code means, in the words staff read in the thread.
const FAILURE_TEXT: Record<string, string> = {
  NOT_ON_WHATSAPP: "number is not on WhatsApp",
  UNDELIVERABLE: "WhatsApp could not deliver it to this phone",
  WINDOW_CLOSED: "the 24-hour window is closed; only a template can reach the guest",
  OPTED_OUT: "the guest opted out",
  BLOCKED: "the guest's operator blocked it",
  INVALID_DESTINATION: "the phone number is not valid",
  TEMPLATE_REJECTED: "the template was not accepted",
  MEDIA_INVALID: "the attachment was refused",
  RATE_LIMITED: "the provider is limiting how fast we send",
  PROVIDER_ERROR: "the provider had a temporary error",
  RECIPIENT_UNAVAILABLE: "the guest's phone was unreachable",
  AUTH_FAILED: "the provider rejected our account credentials",
  INVALID_APP_DETAILS: "the provider does not recognise our WhatsApp app settings",
  ACCOUNT_PROBLEM: "a problem with our provider account",
  EXHAUSTED: "every automatic retry failed",
};

type BubbleProps = { threadId: number; message: Message; onSendTemplate: () => void };

export function MessageBubble({ threadId, message, onSendTemplate }: BubbleProps) {
  const outbound = message.direction === "OUTBOUND";
  const failed = message.status === "FAILED";
  const [looked, setLooked] = useState(false);
  const detail = useMessageDetail(message.id, outbound && (looked || failed));
  const steps = tickSteps(message, detail.data?.statusHistory);
  // Lives here, not in the failure notice: the notice goes away as soon as the resend is under way.
  const retry = useRetry(threadId);
  const sendAsSms = useSendAsSms(threadId);
  const dismiss = useDismissFailure(threadId);

  return (
    <article
      className={`bubble ${outbound ? "outbound" : "inbound"}${failed ? " failed" : ""}`}
      data-kind="message"
      data-message-id={message.id}
      data-testid="message"
    >
      <div className="bubble-badges">
        <span className={`badge channel-${message.channel.toLowerCase()}`}>
          {CHANNEL_LABELS[message.channel]}
        </span>
        <span className="badge direction">{message.direction}</span>
        {message.templateId && <span className="badge template">Template</span>}
      </div>
      {message.replyTo && <QuotedMessage replyTo={message.replyTo} />}
      {message.media && <MessageMedia messageId={message.id} media={message.media} />}
      {message.interactive ? (
        <TappedReply interactive={message.interactive} />
      ) : (
        message.text && <MessageText text={message.text} />
      )}
      <footer className="bubble-footer">
        {message.sender && <MessageSender sender={message.sender} />}
        <ThreadClock at={message.at} />
        {outbound && (
          <StatusTicks
            status={message.status}
            steps={steps}
            retries={detail.data?.retries}
            onHover={() => setLooked(true)}
          />
        )}
      </footer>
      {failed && (
        <FailureNotice
          messageId={message.id}
          failure={message.failure}
          reason={message.errorMessage ?? detail.data?.message.errorMessage ?? null}
          attempts={detail.data?.attempts.length}
          retry={retry}
          sendAsSms={sendAsSms}
          dismiss={dismiss}
          onSendTemplate={onSendTemplate}
        />
      )}
      {retry.isSuccess && (
        <p className="retry-result" role="status">
          Resent: {retry.data.message.status.toLowerCase()}
        </p>
      )}
      {sendAsSms.isSuccess && (
        <p className="retry-result" role="status">
          Sent as SMS
        </p>
      )}
      {[retry, sendAsSms, dismiss].map((action, i) =>
        action.isError ? (
          <p key={["retry", "sms", "dismiss"][i]} className="form-error" role="alert">
            {["Retry", "Send as SMS", "Dismiss"][i]} failed: {action.error.message}
          </p>
        ) : null,
      )}
    </article>
  );
}

type FailureProps = {
  messageId: number;
  failure: Message["failure"];
  reason: string | null;
  attempts: number | undefined;
  retry: ReturnType<typeof useRetry>;
  sendAsSms: ReturnType<typeof useSendAsSms>;
  dismiss: ReturnType<typeof useDismissFailure>;
  onSendTemplate: () => void;
};

/** Why the message did not reach the guest (our words and Gupshup's code), and the steps that can help. */
function FailureNotice(props: FailureProps) {
  const { messageId, failure, reason, attempts, retry, sendAsSms, dismiss, onSendTemplate } = props;
  const what = (failure && FAILURE_TEXT[failure.code]) ?? reason ?? "the provider gave no reason";
  const providerSaid = failure?.providerText && failure.providerText !== what ? failure.providerText : null;
  const steps = failure?.nextSteps ?? [];
  const busy = retry.isPending || sendAsSms.isPending || dismiss.isPending;
  return (
    <section
      className={`failure${failure?.dismissedAt ? " dismissed" : ""}`}
      aria-label="Delivery failure"
      data-failure-code={failure?.code}
    >
      <p className="failure-reason" data-testid="failure-reason">
        Not delivered: {what}
        {failure?.providerCode && (
          <span className="provider-code" data-testid="provider-code">
            {" "}
            (Gupshup {failure.providerCode})
          </span>
        )}
        {attempts ? (
          <span className="subtle">
            {" "}
            · {attempts} attempt{attempts === 1 ? "" : "s"}
          </span>
        ) : null}
      </p>
      {providerSaid && <p className="subtle small failure-provider-text">Gupshup: “{providerSaid}”</p>}
      {steps.length === 0 && failure?.reason && (
        <p className="subtle small" data-testid="failure-no-step">
          Nothing to resend: {failure.reason}.
        </p>
      )}
      <div className="failure-actions">
        {steps.includes("RETRY") && (
          <button
            type="button"
            className="button small"
            disabled={busy || retry.isSuccess}
            onClick={() => retry.mutate(messageId)}
          >
            {retry.isPending ? "Retrying…" : "Retry"}
          </button>
        )}
        {steps.includes("SEND_AS_SMS") && (
          <button
            type="button"
            className="button small"
            disabled={busy || sendAsSms.isSuccess}
            onClick={() => sendAsSms.mutate(messageId)}
          >
            {sendAsSms.isPending ? "Sending SMS…" : "Send as SMS"}
          </button>
        )}
        {steps.includes("SEND_TEMPLATE") && (
          <button type="button" className="button small" onClick={onSendTemplate}>
            Send a template
          </button>
        )}
        {!failure?.dismissedAt && (
          <button
            type="button"
            className="button small ghost"
            disabled={busy}
            onClick={() => dismiss.mutate(messageId)}
          >
            Dismiss
          </button>
        )}
      </div>
    </section>
  );
}
