import { z } from "zod";
import { QueryText } from "./common";

export const AuditActorType = z.enum(["STAFF", "API_KEY", "SYSTEM", "WEBHOOK", "ANONYMOUS"]);

const positiveId = z.coerce.number().int().positive();

export const AuditQuery = z.object({
  /** An exact action or a dotted prefix (`auth.login` matches `auth.login.failed`). */
  action: QueryText(100).optional(),
  actorType: AuditActorType.optional(),
  actorId: positiveId.optional(),
  targetType: QueryText(50).optional(),
  targetId: QueryText(100).optional(),
  propertyId: positiveId.optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  cursor: positiveId.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEntry = z.object({
  id: z.number(),
  at: z.iso.datetime(),
  actorType: AuditActorType,
  actorId: z.number().nullable(),
  actorIp: z.string().nullable(),
  action: z.string(),
  propertyId: z.number().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  outcome: z.enum(["SUCCESS", "FAILURE", "DENIED"]),
  details: z.unknown(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditListResponse = z.object({
  entries: z.array(AuditEntry),
  nextCursor: z.number().nullable(),
});
export type AuditListResponse = z.infer<typeof AuditListResponse>;
