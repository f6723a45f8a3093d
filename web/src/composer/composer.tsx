import type { AttachmentDto, DraftBody } from "@contract/composer";
import type { ThreadDetailResponse } from "@contract/threads";
import { ApiError } from "@web/api/http-client";
import { type Channel, useReply, useTemplates } from "@web/api/outbound";
import { COMPOSER_INPUT_ID } from "@web/inbox/use-inbox-keys";
import { type FormEvent, type KeyboardEvent, useCallback, useEffect, useRef, useState } from "react";
import { CANNED_LIST_ID, CannedReplyPicker, cannedOptionId } from "./canned-reply-picker";
import { ChannelPicker } from "./channel-picker";
import { ComposerFooter } from "./composer-footer";
import { leaveComposer } from "./leave-composer";
import { NoteForm } from "./note-form";
import { describeSendError } from "./send-error";
import { headerKind, headerProblem, headerRequest } from "./template-header";
import { type TemplateDraft, TemplatePicker } from "./template-picker";
import { missingParams } from "./template-preview";
import { useAttachment } from "./use-attachment";
import { useCannedSlash } from "./use-canned-slash";
import { useComposerDraft } from "./use-composer-draft";
import { useNow } from "./use-now";
import { describeWindow } from "./window-countdown";
import "./composer-compact.css";

/** `templateRequest`: bumped when a failed message's "Send a template" asks for the template flow. */
/** `initialChannel`: the channel a conversation was just started on, instead of the guest's last one. */
type Props = { detail: ThreadDetailResponse; templateRequest?: number; initialChannel?: Channel };

/** Reply on WhatsApp or SMS (free text inside the window, a template outside it), or add a private note. */
export function Composer({ detail, templateRequest = 0, initialChannel }: Props) {
  const { thread, contact } = detail;
  const [mode, setMode] = useState<"reply" | "note">("reply");
  const [channel, setChannel] = useState<Channel>(
    initialChannel ?? (thread.lastInboundChannel === "SMS" ? "SMS" : "WHATSAPP"),
  );
  const [text, setText] = useState("");
  const [wantsTemplate, setWantsTemplate] = useState(false);
  const [template, setTemplate] = useState<TemplateDraft | undefined>();
  const [serverError, setServerError] = useState<string | undefined>();
  const reply = useReply(thread.id);
  const attach = useAttachment(thread.id, channel);
  const templates = useTemplates();
  const [restoredTemplate, setRestoredTemplate] = useState<DraftBody["template"]>();
  const now = useNow(30_000);
  const root = useRef<HTMLElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const picker = useCannedSlash({ threadId: thread.id, text, setText, box: input });
  const { slash, matches: cannedMatches, activeMatch, canned } = picker;

  useEffect(() => {
    if (templateRequest === 0) return;
    setMode("reply");
    setChannel("WHATSAPP");
    setWantsTemplate(true);
    root.current?.scrollIntoView({ block: "nearest" });
  }, [templateRequest]);

  const restore = useCallback(
    (to: Channel, body: DraftBody) => {
      setChannel(to);
      setText(body.text);
      attach.set(body.attachment ?? undefined);
      setRestoredTemplate(body.template ?? undefined);
      if (body.template) setWantsTemplate(true);
    },
    [attach.set],
  );
  const draft = useComposerDraft({
    threadId: thread.id,
    channel,
    draft: {
      text,
      // Until the template list is there, a restored template stays in the draft as it came.
      template: template ? { templateId: template.template.id, params: template.params } : restoredTemplate,
      attachment: attach.attachment,
    },
    restore,
  });
  // A restored template comes back once the template list is there.
  useEffect(() => {
    const found = templates.data?.templates.find((t) => t.id === restoredTemplate?.templateId);
    if (!found || !restoredTemplate) return;
    setTemplate({ template: found, params: restoredTemplate.params });
    setRestoredTemplate(undefined);
  }, [templates.data, restoredTemplate]);

  const windowState = describeWindow(thread.whatsappWindow, now);
  const windowClosed = channel === "WHATSAPP" && windowState.kind === "closed";
  const templateMode = windowClosed || wantsTemplate;
  const optedOut = channel === "WHATSAPP" ? contact.whatsappOptedOut : contact.smsOptedOut;
  const missing = template ? missingParams(template.template.paramCount, template.params) : [];
  const header = template && headerProblem(headerKind(template.template), template.header);
  const attachment: AttachmentDto | undefined = templateMode ? undefined : attach.attachment;
  const canSend =
    !optedOut &&
    !reply.isPending &&
    !attach.uploading &&
    !!contact.phone &&
    (templateMode
      ? !!template && missing.length === 0 && !header
      : text.trim().length > 0 || (!!attachment && channel === "WHATSAPP"));

  const send = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!canSend) return;
    setServerError(undefined);
    const body =
      templateMode && template
        ? {
            channel,
            templateId: template.template.id,
            templateParams: template.params,
            ...headerRequest(headerKind(template.template), template.header),
          }
        : { channel, message: text, ...(attachment && { attachmentId: attachment.id }) };
    try {
      await reply.mutateAsync(body);
      if (templateMode) setTemplate(undefined);
      else {
        setText("");
        picker.clearEmptyVariables();
        attach.set(undefined);
      }
      setWantsTemplate(false);
      draft.sent(channel);
    } catch (err) {
      setServerError(describeSendError(err));
      if (err instanceof ApiError && err.code === "SESSION_WINDOW_CLOSED") setWantsTemplate(true);
    }
  };

  const onMessageKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (picker.onKey(e)) return;
    if (e.key === "Escape") {
      e.preventDefault();
      leaveComposer(e.currentTarget);
      return;
    }
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) void send();
  };

  return (
    <section
      className={`composer${attach.dragging ? " drop-target" : ""}`}
      aria-label="Reply"
      ref={root}
      {...(mode === "reply" && !templateMode ? attach.dropHandlers : {})}
    >
      <div className="composer-tabs" role="tablist" aria-label="Write">
        <button type="button" role="tab" aria-selected={mode === "reply"} onClick={() => setMode("reply")}>
          Reply
        </button>
        <button type="button" role="tab" aria-selected={mode === "note"} onClick={() => setMode("note")}>
          Private note
        </button>
      </div>
      {mode === "note" ? (
        <NoteForm threadId={thread.id} />
      ) : (
        <form className="composer-body" onSubmit={send}>
          <div className="composer-bar">
            <ChannelPicker value={channel} onChange={setChannel} />
            {channel === "WHATSAPP" && (
              <span
                className={`window-status ${windowState.kind === "open" ? (windowState.closingSoon ? "soon" : "open") : "closed"}`}
                data-testid="window-status"
              >
                {windowState.kind === "open" ? windowState.label : "Window closed"}
              </span>
            )}
            {!windowClosed && (
              <button type="button" className="link-button" onClick={() => setWantsTemplate(!wantsTemplate)}>
                {wantsTemplate ? "Write free text" : "Use a template"}
              </button>
            )}
          </div>
          {optedOut && (
            <p className="composer-warning" role="alert">
              {contact.name ?? "The guest"} opted out of {channel === "WHATSAPP" ? "WhatsApp" : "SMS"}: no
              message can be sent on this channel.
            </p>
          )}
          {windowClosed && (
            <p className="composer-warning" data-testid="window-closed-reason">
              {windowState.label}
            </p>
          )}
          {templateMode ? (
            <TemplatePicker channel={channel} detail={detail} draft={template} onChange={setTemplate} />
          ) : (
            <>
              <label className="visually-hidden" htmlFor={COMPOSER_INPUT_ID}>
                Message
              </label>
              <textarea
                id={COMPOSER_INPUT_ID}
                placeholder={`Message on ${channel === "WHATSAPP" ? "WhatsApp" : "SMS"}… (/ for canned replies, Ctrl+Enter to send)`}
                ref={input}
                value={text}
                rows={3}
                aria-autocomplete="list"
                aria-controls={slash && cannedMatches?.length ? CANNED_LIST_ID : undefined}
                aria-activedescendant={slash && activeMatch ? cannedOptionId(activeMatch.id) : undefined}
                onChange={(e) => {
                  setText(e.target.value);
                  if (!e.target.value.trim()) picker.clearEmptyVariables();
                  picker.track(e.target.value, e.target.selectionStart);
                }}
                onSelect={(e) => {
                  if (slash) picker.track(e.currentTarget.value, e.currentTarget.selectionStart);
                }}
                onBlur={picker.close}
                onKeyDown={onMessageKey}
              />
              {slash && (
                <CannedReplyPicker
                  query={slash.query}
                  replies={cannedMatches}
                  loading={canned.isPending}
                  error={
                    canned.isError ? `Canned replies could not be loaded: ${canned.error.message}` : undefined
                  }
                  activeId={activeMatch?.id}
                  onHover={picker.hover}
                  onChoose={(reply) => void picker.insert(reply.id)}
                />
              )}
              {picker.cannedError && (
                <p className="form-error" role="alert">
                  {picker.cannedError}
                </p>
              )}
              {picker.emptyVariables.length > 0 && (
                <p className="composer-warning" role="status" data-testid="canned-empty-variables">
                  Not filled in (no value on this thread):{" "}
                  {picker.emptyVariables.map((v) => `{{${v}}}`).join(", ")}. Check the text before sending.
                </p>
              )}
            </>
          )}
          {serverError && (
            <p className="form-error" role="alert" data-testid="composer-error">
              {serverError}
            </p>
          )}
          <ComposerFooter
            channel={channel}
            text={text}
            templateMode={templateMode}
            missing={missing}
            headerProblem={templateMode ? header : undefined}
            attach={attach}
            canSend={canSend}
            sending={reply.isPending}
          />
        </form>
      )}
    </section>
  );
}
