import type { AttachmentDto } from "@contract/composer";
import { useRef } from "react";
import "./attachments.css";

export const ACCEPTED_FILES =
  "image/jpeg,image/png,application/pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.txt,.csv";

export const SMS_NO_ATTACHMENTS =
  "SMS cannot carry attachments: switch to WhatsApp to send the file, or put a link to it in the text.";

type Props = {
  attachment: AttachmentDto | undefined;
  uploading: { name: string; fraction: number } | undefined;
  error: string | undefined;
  /** Why files cannot be attached on this channel, or undefined when they can. */
  refusal: string | undefined;
  onPick: (file: File) => void;
  onRemove: () => void;
  onCancel: () => void;
};

/** The attach button and what is attached (or uploading): name, size, progress, remove. */
export function AttachmentBar({ attachment, uploading, error, refusal, onPick, onRemove, onCancel }: Props) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="attachment-bar">
      <input
        ref={input}
        type="file"
        // Not rendered at all: a visually hidden input still took a phone's 44 px minimum control height.
        hidden
        tabIndex={-1}
        accept={ACCEPTED_FILES}
        data-testid="attachment-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = "";
          if (file) onPick(file);
        }}
      />
      {refusal ? (
        <span className="subtle small" data-testid="attachment-refusal">
          {refusal}
        </span>
      ) : (
        <button
          type="button"
          className="link-button attach-button"
          disabled={!!uploading}
          title="Attach a photo or a document (or drop it on the reply box)"
          onClick={() => input.current?.click()}
        >
          Attach a file
        </button>
      )}
      {uploading && (
        <span className="attachment-chip" role="status">
          <span className="attachment-name">Uploading {uploading.name}…</span>
          <progress max={1} value={uploading.fraction} aria-label={`Uploading ${uploading.name}`} />
          <span className="subtle small">{Math.round(uploading.fraction * 100)}%</span>
          <button type="button" className="link-button" onClick={onCancel}>
            Cancel
          </button>
        </span>
      )}
      {attachment && !uploading && (
        <span className="attachment-chip" data-testid="attachment-chip">
          <span className="attachment-kind">{attachment.mediaType === "image" ? "Image" : "Document"}</span>
          <span className="attachment-name">{attachment.filename}</span>
          <span className="subtle small">{formatSize(attachment.size)}</span>
          <button
            type="button"
            className="link-button"
            onClick={onRemove}
            aria-label={`Remove ${attachment.filename}`}
          >
            Remove
          </button>
        </span>
      )}
      {error && (
        <p className="form-error attachment-error" role="alert" data-testid="attachment-error">
          {error}
        </p>
      )}
    </div>
  );
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
