import type { Ctx } from "@server/context";
import { templates } from "@server/db/schema/index";
import { AppError } from "@server/errors";
import { eq } from "drizzle-orm";

export type Template = typeof templates.$inferSelect;

export type ResolvedTemplate = { template: Template; params: string[]; rendered: string };

/**
 * The approved WhatsApp template a send names (our id or the provider's template id) with its
 * parameters checked and its body rendered; TEMPLATE_INVALID for anything the provider would refuse.
 */
export async function resolveTemplate(
  ctx: Ctx,
  input: { templateId: string | number; params: string[] | undefined; channel: "WHATSAPP" | "SMS" },
): Promise<ResolvedTemplate> {
  if (input.channel !== "WHATSAPP") throw invalid("templates are a WhatsApp feature; SMS is sent as text");
  const template = await findTemplate(ctx, input.templateId);
  if (!template) throw invalid(`unknown template ${String(input.templateId).slice(0, 80)}`);
  if (template.status.toUpperCase() !== "APPROVED")
    throw invalid(`template ${template.name} is ${template.status}, not APPROVED`);
  const params = input.params ?? [];
  if (params.length !== template.paramCount)
    throw invalid(`template ${template.name} takes ${template.paramCount} parameters, got ${params.length}`);
  if (params.some((p) => p.trim() === ""))
    throw invalid(`template ${template.name}: parameters must not be empty`);
  return { template, params, rendered: renderTemplate(template.body, params) };
}

/** Fills `{{n}}` placeholders with the n-th parameter (1-based). */
function renderTemplate(body: string, params: string[]): string {
  return body.replace(/\{\{\s*(\d+)\s*\}\}/g, (match, n: string) => params[Number(n) - 1] ?? match);
}

/** The highest `{{n}}` placeholder in a template body: how many parameters it takes. */
export function countTemplateParams(body: string): number {
  let max = 0;
  for (const match of body.matchAll(/\{\{\s*(\d+)\s*\}\}/g)) max = Math.max(max, Number(match[1]));
  return max;
}

async function findTemplate(ctx: Ctx, templateId: string | number): Promise<Template | undefined> {
  const asNumber =
    typeof templateId === "number"
      ? templateId
      : /^\d{1,9}$/.test(templateId)
        ? Number(templateId)
        : undefined;
  if (asNumber !== undefined) {
    const [byId] = await ctx.db.select().from(templates).where(eq(templates.id, asNumber));
    if (byId) return byId;
  }
  const [byProviderId] = await ctx.db
    .select()
    .from(templates)
    .where(eq(templates.providerTemplateId, String(templateId)));
  return byProviderId;
}

const invalid = (message: string) => new AppError("TEMPLATE_INVALID", message, { field: "templateId" });
