import type { MessageItem } from "@contract/timeline";
import { useMessageDetail, useRetry } from "@web/api/outbound";
import { CHANNEL_LABELS } from "@web/app/format";
import { useState } from "react";
import type { z } from "zod";
import { MessageMedia } from "./message-media";
import { QuotedMessage, TappedReply } from "./message-reply-parts";
import { MessageText } from "./message-text";
import { StatusTicks } from "./status-ticks";
import { ThreadClock } from "./thread-time-zone";
import { tickSteps } from "./tick-history";

type Message = z.infer<typeof MessageItem>;

const FAILURE_KINDS: Record<string, string> = {
  PERMANENT: "the provider refused it and retrying as is will fail again",
  EXHAUSTED: "every automatic retry failed",
  AMBIGUOUS: "we could not tell whether the provider got it; check before resending",
};

export function MessageBubble({ threadId, message }: { threadId: number; message: Message }) {
  const outbound = message.direction === "OUTBOUND";
  const failed = message.status === "FAILED";
  const [looked, setLooked] = useState(false);
  const detail = useMessageDetail(message.id, outbound && (looked || failed));
  const steps = tickSteps(message, detail.data?.statusHistory);
  // Lives here, not in the failure notice: the notice goes away as soon as the resend is under way.
  const retry = useRetry(threadId);

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
        <ThreadClock at={message.at} />
        {outbound && <StatusTicks status={message.status} steps={steps} onHover={() => setLooked(true)} />}
      </footer>
      {failed && (
        <FailureNotice
          retry={retry}
          messageId={message.id}
          reason={message.errorMessage ?? detail.data?.message.errorMessage ?? null}
          failureKind={detail.data?.message.failureKind ?? null}
          attempts={detail.data?.attempts.length}
        />
      )}
      {retry.isSuccess && (
        <p className="retry-result" role="status">
          Resent: {retry.data.message.status.toLowerCase()}
        </p>
      )}
      {retry.isError && (
        <p className="form-error" role="alert">
          Retry failed: {retry.error.message}
        </p>
      )}
    </article>
  );
}

type FailureProps = {
  retry: ReturnType<typeof useRetry>;
  messageId: number;
  reason: string | null;
  failureKind: string | null;
  attempts: number | undefined;
};

function FailureNotice({ retry, messageId, reason, failureKind, attempts }: FailureProps) {
  const kind = failureKind ? FAILURE_KINDS[failureKind] : undefined;
  return (
    <section className="failure" aria-label="Delivery failure">
      <p className="failure-reason" data-testid="failure-reason">
        Not delivered: {reason ?? "the provider gave no reason"}
        {kind && <span className="subtle"> ({kind})</span>}
        {attempts ? (
          <span className="subtle">
            {" "}
            · {attempts} attempt{attempts === 1 ? "" : "s"}
          </span>
        ) : null}
      </p>
      <div className="failure-actions">
        <button
          type="button"
          className="button small"
          disabled={retry.isPending || retry.isSuccess}
          onClick={() => retry.mutate(messageId)}
        >
          {retry.isPending ? "Retrying…" : "Retry"}
        </button>
      </div>
    </section>
  );
}
