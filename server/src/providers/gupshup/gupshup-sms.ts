import { isGsm7 } from "@contract/sms-segments";
import type {
  ChannelProvider,
  OutboundMessage,
  SendOptions,
  SendResult,
} from "@server/providers/channel-provider";
import { httpCall } from "./gupshup-http";
import { classifyTransportFailure, endpoint } from "./gupshup-outcome";
import { parseGupshupWebhook } from "./gupshup-webhook";
import { authenticateWebhook } from "./gupshup-webhook-auth";
import { classifySmsAnswer } from "./sms-response";

export type GupshupSmsConfig = {
  /** https://enterprise.smsgupshup.com, or a simulator's URL. */
  baseUrl: string;
  userId: string | undefined;
  password: string | undefined;
  /** Sender id (`mask`), e.g. a DLT-registered header. */
  sender: string | undefined;
  timeoutMs: number;
};

/** The Gupshup Enterprise SMS adapter (`GatewayAPI/rest`, method SendMessage). */
export function createGupshupSmsProvider(config: GupshupSmsConfig): ChannelProvider {
  return {
    id: "gupshup-sms",
    channel: "SMS",
    send: (message, options) => sendSms(config, message, options),
    parseWebhook: parseGupshupWebhook,
    authenticateWebhook,
  };
}

async function sendSms(
  config: GupshupSmsConfig,
  message: OutboundMessage,
  options: SendOptions = {},
): Promise<SendResult> {
  if (!config.userId || !config.password) {
    return {
      kind: "rejected",
      code: "NOT_CONFIGURED",
      reason: "SMS sending needs GUPSHUP_SMS_USERID and GUPSHUP_SMS_PASSWORD; set both",
    };
  }
  if (message.type !== "text") {
    return {
      kind: "rejected",
      code: "UNSUPPORTED_MESSAGE",
      reason: `SMS carries text only, not ${message.type}`,
    };
  }
  const url = endpoint(config.baseUrl, "/GatewayAPI/rest");
  // POST keeps the password out of URLs (and out of any proxy's access log).
  const form = new URLSearchParams({
    method: "SendMessage",
    send_to: message.to.replace(/^\+/, "").trim(),
    msg: message.text,
    msg_type: isGsm7(message.text) ? "TEXT" : "UNICODE_TEXT",
    userid: config.userId,
    password: config.password,
    auth_scheme: "plain",
    v: "1.1",
    format: "json",
    ...(config.sender ? { mask: config.sender } : {}),
  });
  const outcome = await httpCall({
    url: url.toString(),
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json, text/plain" },
    body: form.toString(),
    timeoutMs: config.timeoutMs,
    signal: options.signal,
  });
  if (outcome.kind === "failure") return classifyTransportFailure(outcome, url.host);
  return classifySmsAnswer(outcome);
}
