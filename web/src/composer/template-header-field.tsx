import { useRef, useState } from "react";
import type { HeaderKind, TemplateHeaderDraft } from "./template-header";
import { uploadAttachment } from "./upload-attachment";
import "./template-header-field.css";

type Props = {
  threadId: number;
  kind: HeaderKind;
  header: TemplateHeaderDraft | undefined;
  onChange: (header: TemplateHeaderDraft) => void;
};

const ACCEPT: Partial<Record<HeaderKind, string>> = {
  image: "image/jpeg,image/png",
  document: "application/pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.txt,.csv",
};

/** The template's header media: a link, or (images and documents) a file uploaded to the thread. */
export function TemplateHeaderField({ threadId, kind, header, onChange }: Props) {
  const current = header ?? { url: "", filename: "" };
  const fileInput = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string>();
  const accept = ACCEPT[kind];

  const upload = async (file: File) => {
    setError(undefined);
    setUploading(true);
    try {
      const attachment = await uploadAttachment(threadId, "WHATSAPP", file, () => {}).done;
      if (attachment.mediaType !== kind) setError(`${file.name} is not a ${kind}`);
      else onChange({ ...current, attachment });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setUploading(false);
    }
  };

  return (
    <fieldset className="template-header-field" data-testid="template-header-field">
      <legend>Header {kind}</legend>
      {current.attachment ? (
        <p className="template-header-attached">
          <span>{current.attachment.filename}</span>
          <button
            type="button"
            className="link-button"
            onClick={() => onChange({ ...current, attachment: undefined })}
          >
            Remove
          </button>
        </p>
      ) : (
        <>
          <label className="field">
            Link to the {kind}
            <input
              type="url"
              inputMode="url"
              placeholder="https://…"
              value={current.url}
              required
              onChange={(e) => onChange({ ...current, url: e.target.value })}
            />
          </label>
          {kind === "document" && (
            <label className="field">
              File name the guest sees <span className="subtle">(optional)</span>
              <input
                value={current.filename}
                placeholder="Invoice.pdf"
                onChange={(e) => onChange({ ...current, filename: e.target.value })}
              />
            </label>
          )}
          {accept && (
            <>
              <input
                ref={fileInput}
                type="file"
                hidden
                tabIndex={-1}
                accept={accept}
                data-testid="template-header-input"
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  e.target.value = "";
                  if (file) void upload(file);
                }}
              />
              <button
                type="button"
                className="link-button"
                disabled={uploading}
                onClick={() => fileInput.current?.click()}
              >
                {uploading ? "Uploading…" : "Or attach a file"}
              </button>
            </>
          )}
        </>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
