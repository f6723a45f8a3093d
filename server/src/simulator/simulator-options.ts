// Options, runtime knobs and demo templates of the Gupshup simulator.

import { WHATSAPP_WINDOW_MS } from "@contract/whatsapp-window";

export type Delays = { enqueued: number; sent: number; delivered: number; read: number };

/** Everything a test (or the knobs API) may change while the simulator runs. */
export type Knobs = {
  /** The next N sends answer 500. */
  failNext: number;
  /** The next N sends answer 429 with `Retry-After: retryAfter`. */
  rateLimitNext: number;
  retryAfter: string;
  /** The next N sends are accepted (their callbacks flow) but never answered. */
  hangNext: number;
  /** The next N sends get their connection destroyed without an answer. */
  dropNext: number;
  /** Whether a dropped send was accepted before the drop (callbacks flow) or not. */
  dropAccepts: boolean;
  /** The next N accepted WhatsApp messages fail after `enqueued` with 131026 (Message undeliverable). */
  undeliverableNext: number;
  /** The next N accepted WhatsApp messages fail at once with 1002 (Number Does Not Exist On WhatsApp). */
  notOnWhatsappNext: number;
  /** The next N accepted WhatsApp messages fail after `enqueued` with 131000 (Something went wrong): a resend can succeed. */
  transientFailureNext: number;
  duplicateCallbacks: boolean;
  shuffleCallbacks: boolean;
  callbackFormat: "v2" | "v3";
  /** Extra headers on every callback (Gupshup's subscription `meta` headers). */
  callbackHeaders: Record<string, string>;
  /** Added as ?token= to every callback URL. */
  callbackToken: string | null;
  /** Delivery reports for SMS as a GET query string (Gupshup's default) or a POST `response` batch. */
  smsDlrMethod: "GET" | "POST";
  delaysMs: Delays;
  /** Whether `read` follows `delivered` (users with read receipts off never send it). */
  readReceipts: boolean;
  /** Free-form WhatsApp needs an inbound message in the last 24 h (else failed 131047). */
  enforceSessionWindow: boolean;
  callbackRetries: number;
  callbackRetryDelayMs: number;
};

/** A partial change of the knobs; delays may be given one by one. */
export type KnobsUpdate = Omit<Partial<Knobs>, "delaysMs"> & { delaysMs?: Partial<Delays> };

export type SimulatorTemplate = {
  id: string;
  elementName: string;
  languageCode: string;
  category: string;
  /** The body with {{n}} placeholders, as Gupshup's template list returns it. */
  data: string;
  templateType: string;
  status: string;
};

export type SimulatorOptions = {
  /** 0 = any free port (read it back from the handle). */
  port?: number;
  host?: string;
  /** Where v2/v3 WhatsApp callbacks go; may carry ?token=. Unset: callbacks are recorded as undeliverable. */
  callbackUrl?: string;
  /** Where SMS delivery reports and inbound SMS go; default callbackUrl + "/sms". */
  smsCallbackUrl?: string;
  apiKey?: string;
  appName?: string;
  /** The business number; Gupshup's sandbox proxy number by default. */
  source?: string;
  appId?: string;
  sandbox?: boolean;
  maxSandboxUsers?: number;
  smsUserId?: string;
  smsPassword?: string;
  /** What inbound SMS are addressed to (the sender id / short code). */
  smsShortcode?: string;
  templates?: SimulatorTemplate[];
  sessionWindowMs?: number;
  callbackTimeoutMs?: number;
  delaysMs?: Partial<Delays>;
  knobs?: KnobsUpdate;
  now?: () => number;
  /** Called for every request the simulator answered (the CLI prints these). */
  onRequest?: (line: string) => void;
};

export const SIMULATOR_DEFAULTS = {
  apiKey: "simulator-key",
  appName: "commhub-simulator",
  source: "917834811114",
  appId: "5f3c1d2e-9a8b-4c7d-8e6f-0a1b2c3d4e5f",
  maxSandboxUsers: 5,
  smsUserId: "2000100001",
  smsPassword: "simulator-password",
  smsShortcode: "HOTELS",
  sessionWindowMs: WHATSAPP_WINDOW_MS,
  callbackTimeoutMs: 10_000,
};

export function defaultKnobs(delays: Partial<Delays> = {}): Knobs {
  return {
    failNext: 0,
    rateLimitNext: 0,
    retryAfter: "2",
    hangNext: 0,
    dropNext: 0,
    dropAccepts: false,
    undeliverableNext: 0,
    notOnWhatsappNext: 0,
    transientFailureNext: 0,
    duplicateCallbacks: false,
    shuffleCallbacks: false,
    callbackFormat: "v2",
    callbackHeaders: {},
    callbackToken: null,
    smsDlrMethod: "GET",
    delaysMs: { enqueued: 300, sent: 300, delivered: 300, read: 300, ...delays },
    readReceipts: true,
    enforceSessionWindow: true,
    callbackRetries: 2,
    callbackRetryDelayMs: 1000,
  };
}

/** Approved demo templates; their ids are stable so seeds and tests can send them. */
export const DEFAULT_SIMULATOR_TEMPLATES: SimulatorTemplate[] = [
  {
    id: "6b1f7a52-2f0c-4c38-9a57-3c9d1f0e8a01",
    elementName: "booking_confirmation",
    languageCode: "en",
    category: "UTILITY",
    data: "Hello {{1}}, your booking {{2}} at {{3}} is confirmed for {{4}}. We look forward to welcoming you.",
    templateType: "TEXT",
    status: "APPROVED",
  },
  {
    id: "0c8e4b1d-7a35-4d6e-b2f9-5e4a3c2b1d02",
    elementName: "checkin_reminder",
    languageCode: "en",
    category: "UTILITY",
    data: "Hi {{1}}, see you tomorrow at {{2}}! Check-in starts at {{3}}. Reply here if you need anything.",
    templateType: "TEXT",
    status: "APPROVED",
  },
  {
    id: "9d2a6c4e-1b3f-4e5a-8c7d-6f5e4d3c2b03",
    elementName: "stay_feedback",
    languageCode: "en",
    category: "MARKETING",
    data: "Thank you for staying with us, {{1}}. How was your stay? | [Great] | [Could be better]",
    templateType: "TEXT",
    status: "APPROVED",
  },
  {
    id: "3e7b9f1a-5c2d-4a6b-9e8f-7d6c5b4a3e04",
    elementName: "welcome_offer",
    languageCode: "en",
    category: "MARKETING",
    data: "Welcome to {{1}}, {{2}}! Show this message at the bar for a complimentary drink.",
    templateType: "IMAGE",
    status: "APPROVED",
  },
];
