import { z } from "zod";

/** The kinds of conversation item a thread holds; the reply composer defaults to the last inbound one. */
export const ThreadChannel = z.enum(["WHATSAPP", "SMS", "EMAIL", "CALL"]);
export type ThreadChannel = z.infer<typeof ThreadChannel>;

export const Direction = z.enum(["INBOUND", "OUTBOUND"]);
export type Direction = z.infer<typeof Direction>;

export const ThreadStatus = z.enum(["OPEN", "PENDING", "SNOOZED", "RESOLVED"]);
export type ThreadStatus = z.infer<typeof ThreadStatus>;
