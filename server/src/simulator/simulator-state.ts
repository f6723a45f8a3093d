import { defaultKnobs, type Knobs, type KnobsUpdate, type SimulatorTemplate } from "./simulator-options";

export type RequestKind = "whatsapp" | "template" | "sms" | "template-list" | "control" | "other";
const SEND_KINDS: ReadonlySet<RequestKind> = new Set(["whatsapp", "template", "sms"]);

/** One request the simulator received, as tests see it through GET /simulator/requests. */
export type RecordedRequest = {
  seq: number;
  at: string;
  method: string;
  path: string;
  kind: RequestKind;
  /** Query and form fields merged (values as strings). */
  fields: Record<string, string>;
  destination?: string;
  /** The `msgid` of a WhatsApp message JSON: the sender's own id, to count sends per message. */
  msgid?: string;
  /** HTTP status answered, or what happened instead. */
  outcome: number | "dropped" | "hung";
  messageId?: string;
};

/** One callback delivery attempt to the app. */
export type CallbackRecord = {
  seq: number;
  at: string;
  url: string;
  method: "GET" | "POST";
  /** message-event, message, user-event, sms-dlr, sms-inbound */
  kind: string;
  /** enqueued, sent … for status events; the message type for inbound messages. */
  event: string;
  messageId?: string;
  attempt: number;
  status: number | null;
  error?: string;
  body: string;
};

export type AcceptedMessage = {
  messageId: string;
  whatsappMessageId?: string;
  channel: "WHATSAPP" | "SMS";
  destination: string;
  kind: "session" | "template";
  fate: string;
  acceptedAt: string;
  /** The `message` JSON as sent: a session message's content, or a template's media header. */
  content?: Record<string, unknown>;
};

/** The simulator's memory: knobs, opt-ins, session windows, and everything it received and sent. */
export class SimulatorState {
  knobs: Knobs;
  templates: SimulatorTemplate[];
  readonly optedIn = new Set<string>();
  readonly optedOut = new Set<string>();
  readonly lastInboundAt = new Map<string, number>();
  readonly requests: RecordedRequest[] = [];
  readonly callbacks: CallbackRecord[] = [];
  readonly messages: AcceptedMessage[] = [];
  #seq = 0;

  constructor(
    private readonly initialKnobs: Knobs,
    private readonly initialTemplates: SimulatorTemplate[],
  ) {
    this.knobs = structuredClone(initialKnobs);
    this.templates = [...initialTemplates];
  }

  nextSeq(): number {
    this.#seq += 1;
    return this.#seq;
  }

  /** Send requests per destination number, to spot duplicates. */
  sendCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const r of this.requests) {
      if (SEND_KINDS.has(r.kind) && r.destination) counts[r.destination] = (counts[r.destination] ?? 0) + 1;
    }
    return counts;
  }

  setKnobs(partial: KnobsUpdate): Knobs {
    const delaysMs = { ...this.knobs.delaysMs, ...partial.delaysMs };
    this.knobs = { ...this.knobs, ...partial, delaysMs };
    return this.knobs;
  }

  reset(): void {
    this.knobs = structuredClone(this.initialKnobs);
    this.templates = [...this.initialTemplates];
    this.optedIn.clear();
    this.optedOut.clear();
    this.lastInboundAt.clear();
    this.requests.length = 0;
    this.callbacks.length = 0;
    this.messages.length = 0;
  }
}

export function initialKnobs(knobs: KnobsUpdate = {}, delays: Partial<Knobs["delaysMs"]> = {}): Knobs {
  const base = defaultKnobs(delays);
  return { ...base, ...knobs, delaysMs: { ...base.delaysMs, ...delays, ...knobs.delaysMs } };
}
