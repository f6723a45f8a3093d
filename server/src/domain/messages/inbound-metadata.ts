import type { messageLogs } from "@server/db/schema/index";
import { z } from "zod";

type MessageRow = typeof messageLogs.$inferSelect;

// An inbound message keeps the parsed content and reply context in `metadata` (recordInboundMessage);
// these read them back leniently, since rows stored by older versions may lack fields.

const Metadata = z.looseObject({
  content: z.unknown().optional(),
  replyTo: z
    .looseObject({ providerMessageId: z.string().optional(), whatsappMessageId: z.string().optional() })
    .nullable()
    .optional()
    .catch(undefined),
});
const Reply = z.looseObject({
  type: z.literal("reply"),
  replyType: z.string(),
  title: z.string().catch(""),
  payload: z.string().optional().catch(undefined),
  id: z.string().optional().catch(undefined),
  description: z.string().optional().catch(undefined),
  response: z.unknown().optional(),
  raw: z.unknown().optional(),
});

export type Interactive = {
  kind: string;
  id: string | null;
  title: string;
  payload: string | null;
  description: string | null;
  /** A flow's answers (nfm_reply). */
  response: unknown;
  /** What the provider sent, for kinds we do not map field by field. */
  raw: unknown;
};

/** The button, list row or flow a guest's message answered, or null for any other message. */
export function readInteractive(row: MessageRow): Interactive | null {
  const parsed = Reply.safeParse(Metadata.catch({}).parse(row.metadata ?? {}).content);
  if (!parsed.success) return null;
  const r = parsed.data;
  return {
    kind: r.replyType,
    id: r.id ?? null,
    title: r.title,
    payload: r.payload ?? null,
    description: r.description ?? null,
    response: r.response ?? null,
    raw: r.raw ?? null,
  };
}

/** The provider's ids of the business message a guest's message quotes: WhatsApp's id and Gupshup's. */
export type ReplyContext = { whatsappMessageId: string | null; gsId: string | null };

export function readReplyContext(row: MessageRow): ReplyContext | null {
  const replyTo = Metadata.catch({}).parse(row.metadata ?? {}).replyTo;
  const whatsappMessageId = replyTo?.whatsappMessageId ?? null;
  const gsId = replyTo?.providerMessageId ?? null;
  if (whatsappMessageId || gsId) return { whatsappMessageId, gsId };
  // Rows stored before the context was kept in metadata have only this column.
  return row.replyToProviderId ? { whatsappMessageId: row.replyToProviderId, gsId: null } : null;
}
