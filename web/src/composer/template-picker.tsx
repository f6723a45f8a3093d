import type { TemplateDto } from "@contract/outbound";
import type { ThreadDetailResponse } from "@contract/threads";
import { type Channel, useTemplates } from "@web/api/outbound";
import { prefillValue, templateFields } from "./template-fields";
import { headerKind, type TemplateHeaderDraft } from "./template-header";
import { TemplateHeaderField } from "./template-header-field";
import { fillTemplate } from "./template-preview";
import "./template-fields.css";

export type TemplateDraft = { template: TemplateDto; params: string[]; header?: TemplateHeaderDraft };

type Props = {
  channel: Channel;
  /** The thread, its guest and booking: fields the template's words name are filled from them. */
  detail: Pick<ThreadDetailResponse, "thread" | "contact" | "booking">;
  draft: TemplateDraft | undefined;
  onChange: (draft: TemplateDraft | undefined) => void;
};

/** Choose an approved template, fill a field per placeholder, and see exactly what the guest will get. */
export function TemplatePicker({ channel, detail, draft, onChange }: Props) {
  const templates = useTemplates();
  const usable = (templates.data?.templates ?? []).filter(
    (t) => t.channel === channel && t.status.toUpperCase() === "APPROVED",
  );

  const choose = (id: number) => {
    const template = usable.find((t) => t.id === id);
    if (!template) return onChange(undefined);
    // What the thread already knows (name, booking, property, dates) is filled in; staff can change it.
    const params = templateFields(template.body, template.paramCount).map((f) =>
      prefillValue(f.kind, detail),
    );
    onChange({ template, params });
  };

  const fields = draft ? templateFields(draft.template.body, draft.template.paramCount) : [];
  const kind = draft ? headerKind(draft.template) : undefined;

  if (templates.isPending) return <p className="subtle">Loading templates…</p>;
  if (templates.isError)
    return (
      <p className="form-error" role="alert">
        Templates could not be loaded: {templates.error.message}
      </p>
    );
  if (usable.length === 0) return <p className="subtle">No approved {channel.toLowerCase()} templates.</p>;

  return (
    <div className="template-picker" data-testid="template-picker">
      <label className="field">
        Template
        <select value={draft?.template.id ?? ""} onChange={(e) => choose(Number(e.target.value))}>
          <option value="">Choose a template…</option>
          {usable.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name} ({t.language}
              {t.category ? `, ${t.category.toLowerCase()}` : ""})
            </option>
          ))}
        </select>
      </label>
      {draft && kind && (
        <TemplateHeaderField
          threadId={detail.thread.id}
          kind={kind}
          header={draft.header}
          onChange={(header) => onChange({ ...draft, header })}
        />
      )}
      {draft && (
        <div className="template-fill">
          <div className="template-params">
            {fields.map((field, i) => (
              <div className="template-field" key={`${draft.template.id}-${field.n}`}>
                <label className="field">
                  <span>
                    <span className="visually-hidden">Template parameter {field.n}: </span>
                    {field.label} <span className="subtle">{`{{${field.n}}}`}</span>
                  </span>
                  <input
                    value={draft.params[i] ?? ""}
                    aria-describedby={`template-field-context-${field.n}`}
                    onChange={(e) =>
                      onChange({
                        ...draft,
                        params: draft.params.map((p, j) => (j === i ? e.target.value : p)),
                      })
                    }
                  />
                </label>
                <span
                  className="subtle small template-field-context"
                  id={`template-field-context-${field.n}`}
                >
                  {field.context}
                </span>
              </div>
            ))}
          </div>
          <div className="template-preview" data-testid="template-preview">
            <span className="preview-label">Preview</span>
            <p>{fillTemplate(draft.template.body, draft.params)}</p>
          </div>
        </div>
      )}
    </div>
  );
}
