import type { TemplateDto } from "@contract/outbound";
import type { ThreadDetailResponse } from "@contract/threads";
import { type Channel, useTemplates } from "@web/api/outbound";
import { fillTemplate } from "./template-preview";

export type TemplateDraft = { template: TemplateDto; params: string[] };

type Props = {
  channel: Channel;
  contact: ThreadDetailResponse["contact"];
  draft: TemplateDraft | undefined;
  onChange: (draft: TemplateDraft | undefined) => void;
};

/** Choose an approved template, fill a field per placeholder, and see exactly what the guest will get. */
export function TemplatePicker({ channel, contact, draft, onChange }: Props) {
  const templates = useTemplates();
  const usable = (templates.data?.templates ?? []).filter(
    (t) => t.channel === channel && t.status.toUpperCase() === "APPROVED",
  );

  const choose = (id: number) => {
    const template = usable.find((t) => t.id === id);
    if (!template) return onChange(undefined);
    // The guest's name is the usual first parameter; offer it, staff can change it.
    const params = Array.from({ length: template.paramCount }, (_, i) =>
      i === 0 ? (contact.name ?? "") : "",
    );
    onChange({ template, params });
  };

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
      {draft && (
        <div className="template-fill">
          <div className="template-params">
            {draft.params.map((value, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a parameter is its position ({{1}}, {{2}}…)
              <label className="field" key={`${draft.template.id}-${i}`}>
                {`{{${i + 1}}}`}
                <input
                  value={value}
                  aria-label={`Template parameter ${i + 1}`}
                  onChange={(e) =>
                    onChange({ ...draft, params: draft.params.map((p, j) => (j === i ? e.target.value : p)) })
                  }
                />
              </label>
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
