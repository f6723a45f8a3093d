import type { ListTemplatesResult, ProviderTemplate, SendOptions } from "@server/providers/channel-provider";
import { z } from "zod";
import { httpCall } from "./gupshup-http";
import { classifyTransportFailure, endpoint, parseJsonBody, retryableForStatus } from "./gupshup-outcome";
import type { GupshupWhatsappConfig } from "./gupshup-whatsapp";
import { gupshupErrorText, rejectionFor } from "./whatsapp-response";
import { idString, text } from "./wire-fields";

// GET /sm/api/v1/template/list/{appName} (docs/gupshup-formats.md §1.1). The reply wraps the list as
// {"status":"success","templates":[…]} with Gupshup's template fields (id, elementName, languageCode,
// category, data, status, templateType …).

const TemplateItem = z.looseObject({
  id: idString,
  elementName: text,
  languageCode: text,
  category: text,
  data: text,
  status: text,
  templateType: text,
});
const TemplateListReply = z.looseObject({ templates: z.array(z.unknown()) });

/** Fetches the app's templates; a GET is safe to repeat, so "no answer" is retryable here. */
export async function listGupshupTemplates(
  config: GupshupWhatsappConfig,
  options: SendOptions = {},
): Promise<ListTemplatesResult> {
  if (!config.appName) {
    return { kind: "rejected", code: "NOT_CONFIGURED", reason: "listing templates needs GUPSHUP_APP_NAME" };
  }
  const url = endpoint(config.baseUrl, `/sm/api/v1/template/list/${encodeURIComponent(config.appName)}`);
  const outcome = await httpCall({
    url: url.toString(),
    method: "GET",
    headers: { apikey: config.apiKey, accept: "application/json" },
    timeoutMs: config.timeoutMs,
    signal: options.signal,
  });
  if (outcome.kind === "failure") {
    const failure = classifyTransportFailure(outcome, url.host);
    return failure.kind === "ambiguous"
      ? { kind: "retryable", code: "NO_ANSWER", reason: failure.reason }
      : failure;
  }
  const json = parseJsonBody(outcome.body);
  const detail = gupshupErrorText(json, outcome.body);
  // The list comes wrapped ({"status":"success","templates":[…]}); a bare array is read too.
  const list = Array.isArray(json) ? json : TemplateListReply.safeParse(json).data?.templates;
  if (outcome.status >= 200 && outcome.status < 300 && list) {
    return { kind: "ok", templates: list.flatMap(toProviderTemplate) };
  }
  const retryable = retryableForStatus(outcome, detail);
  if (retryable) return retryable;
  if (outcome.status >= 400) return rejectionFor(detail || "Authentication Failed", outcome.status);
  return {
    kind: "retryable",
    code: "UNREADABLE_RESPONSE",
    reason: "Gupshup's template list could not be read",
  };
}

function toProviderTemplate(item: unknown): ProviderTemplate[] {
  const parsed = TemplateItem.safeParse(item);
  if (!parsed.success) return [];
  const t = parsed.data;
  const body = t.data ?? "";
  return [
    {
      id: t.id,
      elementName: t.elementName ?? t.id,
      language: t.languageCode ?? "en",
      category: t.category ?? null,
      body,
      paramCount: countParams(body),
      status: (t.status ?? "UNKNOWN").toUpperCase(),
      templateType: (t.templateType ?? "TEXT").toUpperCase(),
    },
  ];
}

/** The highest `{{n}}` placeholder: Gupshup's `params` fill `{{1}}`, `{{2}}` … in order. */
export function countParams(body: string): number {
  let max = 0;
  for (const match of body.matchAll(/\{\{\s*(\d+)\s*\}\}/g)) max = Math.max(max, Number(match[1]));
  return max;
}
