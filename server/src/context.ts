import type { Config } from "@server/config";
import type { Db } from "@server/db/client";
import type { Logger } from "@server/logger";
import type { EventBus } from "@server/realtime/event-bus";

/** Who is acting: recorded in audit entries and used for property scoping. */
export type Actor =
  | { type: "staff"; staffUserId: number; role: "ADMIN" | "MANAGER" | "AGENT"; propertyIds: number[] | "all" }
  | { type: "apiKey"; apiKeyId: number; role: "ADMIN" | "MANAGER" | "AGENT"; propertyIds: number[] | "all" }
  | { type: "system"; job?: string }
  | { type: "webhook"; provider: string };

/** What every domain verb receives. */
export type Ctx = {
  /** The database, or the open transaction when called inside withTransaction. */
  db: Db;
  log: Logger;
  now: () => Date;
  config: Config;
  bus: EventBus;
  actor: Actor;
  /** The client address of the request being served, for audit entries. */
  ip?: string;
  /** Present inside withTransaction: callbacks to run once the outermost transaction commits. */
  afterCommit?: Array<() => void>;
  /** Present inside withTransaction: the advisory locks this transaction already holds (lockAdvisory). */
  heldLocks?: Set<string>;
};

export const systemActor = (job?: string): Actor => ({ type: "system", job });
