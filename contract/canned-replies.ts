import { z } from "zod";
import { QueryText, Timestamp } from "./common";

const LanguageCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})?$/, "a language code such as en, hi or pt-br");

const ReplyText = z
  .string()
  .trim()
  .min(1)
  .max(4096)
  .refine((v) => !v.includes("\0"), "must not contain a NUL byte");

const CannedReplyTexts = z
  .record(LanguageCode, ReplyText)
  .refine((texts) => Object.keys(texts).length > 0, "at least one language")
  .refine((texts) => Object.keys(texts).length <= 20, "at most 20 languages");

export const Shortcut = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_-]{1,40}$/, "1–40 characters: a–z, 0–9, - and _");

export const CannedReplyDto = z.object({
  id: z.number(),
  /** null: chain-wide (created by an administrator). */
  propertyId: z.number().nullable(),
  title: z.string(),
  shortcut: z.string(),
  texts: z.record(z.string(), z.string()),
  usageCount: z.number(),
  lastUsedAt: Timestamp.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type CannedReplyDto = z.infer<typeof CannedReplyDto>;

export const CreateCannedReplyBody = z.object({
  propertyId: z.number().int().positive().nullable(),
  title: z.string().trim().min(1).max(120),
  shortcut: Shortcut,
  texts: CannedReplyTexts,
});
export type CreateCannedReplyBody = z.infer<typeof CreateCannedReplyBody>;

/** The scope (propertyId) of a reply is fixed once created. */
export const UpdateCannedReplyBody = CreateCannedReplyBody.omit({ propertyId: true }).partial();
export type UpdateCannedReplyBody = z.infer<typeof UpdateCannedReplyBody>;

export const ListCannedRepliesQuery = z.object({
  /** Only the replies usable on this thread: its property's and the chain-wide ones. */
  threadId: z.coerce.number().int().positive().optional(),
  /** Matches the shortcut, the title or any text (case-insensitive). */
  q: QueryText(100).optional(),
});
export type ListCannedRepliesQuery = z.infer<typeof ListCannedRepliesQuery>;

export const RenderCannedReplyBody = z.object({
  threadId: z.number().int().positive(),
  language: LanguageCode.optional(),
});
export type RenderCannedReplyBody = z.infer<typeof RenderCannedReplyBody>;

export const RenderCannedReplyResponse = z.object({
  text: z.string(),
  /** The language used: the one asked for, else the guest's, else the reply's first. */
  language: z.string(),
  /** Variables that had no value on this thread (left blank in `text`): check them before sending. */
  emptyVariables: z.array(z.string()),
});
export type RenderCannedReplyResponse = z.infer<typeof RenderCannedReplyResponse>;

export const CannedReplyResponse = z.object({ cannedReply: CannedReplyDto });
export const CannedReplyListResponse = z.object({ cannedReplies: z.array(CannedReplyDto) });
export type CannedReplyListResponse = z.infer<typeof CannedReplyListResponse>;
