import { countSmsSegments } from "@contract/sms-segments";
import type { Channel } from "@web/api/outbound";
import { AttachmentBar, SMS_NO_ATTACHMENTS } from "./attachment-bar";
import type { useAttachment } from "./use-attachment";

type Props = {
  channel: Channel;
  text: string;
  templateMode: boolean;
  /** The template's parameters still empty, by number ({{1}}, {{2}}). */
  missing: number[];
  /** What the template's media header still needs, in words. */
  headerProblem?: string;
  attach: ReturnType<typeof useAttachment>;
  canSend: boolean;
  sending: boolean;
};

/** The composer's last row: attach a file, the SMS counter (or what a template still needs), Send. */
export function ComposerFooter({
  channel,
  text,
  templateMode,
  missing,
  headerProblem,
  attach,
  canSend,
  sending,
}: Props) {
  const sms = channel === "SMS" ? countSmsSegments(text) : undefined;
  return (
    <div className="composer-footer">
      {!templateMode && (
        <AttachmentBar
          attachment={attach.attachment}
          uploading={attach.uploading}
          error={attach.error}
          refusal={channel === "SMS" ? SMS_NO_ATTACHMENTS : undefined}
          onPick={attach.upload}
          onRemove={() => attach.set(undefined)}
          onCancel={attach.cancel}
        />
      )}
      <span className="subtle small" data-testid="sms-counter">
        {sms
          ? `${sms.units}/${sms.segments > 1 ? sms.segments * sms.perSegment : sms.perSegment} · ${sms.segments || 1} segment${sms.segments > 1 ? "s" : ""} · ${sms.encoding}`
          : templateMode && missing.length > 0
            ? `Fill in ${missing.map((n) => `{{${n}}}`).join(", ")}`
            : templateMode && headerProblem
              ? headerProblem
              : ""}
      </span>
      <button type="submit" className="button primary" disabled={!canSend}>
        {sending ? "Sending…" : templateMode ? "Send template" : "Send"}
      </button>
    </div>
  );
}
