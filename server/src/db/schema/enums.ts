import { pgEnum } from "drizzle-orm/pg-core";

// Enum names mirror the original Prisma model so data and API values stay recognisable.
export const messageChannel = pgEnum("message_channel", ["WHATSAPP", "SMS"]);
export const messageDirection = pgEnum("message_direction", ["INBOUND", "OUTBOUND"]);
export const messageStatus = pgEnum("message_status", ["PENDING", "SENT", "DELIVERED", "READ", "FAILED"]);
export const threadStatus = pgEnum("thread_status", ["OPEN", "PENDING", "SNOOZED", "RESOLVED"]);
export const staffRole = pgEnum("staff_role", ["ADMIN", "MANAGER", "AGENT"]);

export type MessageChannel = (typeof messageChannel.enumValues)[number];
export type MessageDirection = (typeof messageDirection.enumValues)[number];
export type MessageStatus = (typeof messageStatus.enumValues)[number];
export type ThreadStatus = (typeof threadStatus.enumValues)[number];
export type StaffRole = (typeof staffRole.enumValues)[number];
