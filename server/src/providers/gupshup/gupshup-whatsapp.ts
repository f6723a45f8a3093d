import type {
  OutboundMessage,
  SendOptions,
  SendResult,
  WhatsappProvider,
} from "@server/providers/channel-provider";
import { httpCall } from "./gupshup-http";
import { classifyTransportFailure, endpoint } from "./gupshup-outcome";
import { listGupshupTemplates } from "./gupshup-templates";
import { parseGupshupWebhook } from "./gupshup-webhook";
import { authenticateWebhook } from "./gupshup-webhook-auth";
import { invalidWhatsappMessage, whatsappFormFields } from "./whatsapp-message";
import { classifyWhatsappAnswer } from "./whatsapp-response";

export type GupshupWhatsappConfig = {
  apiKey: string;
  /** The Gupshup app name registered for `source` (form field `src.name`). */
  appName: string | undefined;
  /** The business number, digits with country code. */
  source: string | undefined;
  /** https://api.gupshup.io, or a simulator's URL. */
  baseUrl: string;
  timeoutMs: number;
};

/** The Gupshup WhatsApp adapter (self-serve v1 API: `/wa/api/v1/msg` and `/wa/api/v1/template/msg`). */
export function createGupshupWhatsappProvider(config: GupshupWhatsappConfig): WhatsappProvider {
  return {
    id: "gupshup-whatsapp",
    channel: "WHATSAPP",
    send: (message, options) => sendWhatsapp(config, message, options),
    listTemplates: (options) => listGupshupTemplates(config, options),
    parseWebhook: parseGupshupWebhook,
    authenticateWebhook,
  };
}

async function sendWhatsapp(
  config: GupshupWhatsappConfig,
  message: OutboundMessage,
  options: SendOptions = {},
): Promise<SendResult> {
  if (!config.appName || !config.source) {
    return {
      kind: "rejected",
      code: "NOT_CONFIGURED",
      reason: "WhatsApp sending needs GUPSHUP_APP_NAME and GUPSHUP_SOURCE; set both",
    };
  }
  const invalid = invalidWhatsappMessage(message);
  if (invalid) return { kind: "rejected", code: "INVALID_MESSAGE", reason: invalid };

  const url = endpoint(
    config.baseUrl,
    message.type === "template" ? "/wa/api/v1/template/msg" : "/wa/api/v1/msg",
  );
  const form = new URLSearchParams({
    channel: "whatsapp",
    source: config.source,
    destination: message.to.replace(/^\+/, "").trim(),
    "src.name": config.appName,
    ...whatsappFormFields(message),
  });
  const outcome = await httpCall({
    url: url.toString(),
    method: "POST",
    headers: {
      apikey: config.apiKey,
      "content-type": "application/x-www-form-urlencoded",
      accept: "application/json",
    },
    body: form.toString(),
    timeoutMs: config.timeoutMs,
    signal: options.signal,
  });
  if (outcome.kind === "failure") return classifyTransportFailure(outcome, url.host);
  return classifyWhatsappAnswer(outcome);
}
