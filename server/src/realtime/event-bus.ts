import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";

export type BusEvent = {
  /** realtime_events.id: also the SSE event id. */
  id: number;
  type: string;
  propertyId: number | null;
  threadId: number | null;
  /** Only this staff member receives the event (a mention, their own draft). */
  recipientStaffId?: number | null;
  payload: unknown;
  createdAt: string;
};

/**
 * Whose access ended or changed (a session signed out, a user deactivated or given a new password or
 * role, a key revoked): open streams of that staff member or key check their credentials again.
 */
export type AccessChange = { staffUserId: number } | { apiKeyId: number };

/**
 * In-process signals: committed realtime events for SSE streams, and "a job was queued" wake-ups
 * for the job runner (which otherwise only polls), and access changes for open streams.
 */
export class EventBus {
  /** Tells this process's own cross-instance notifications apart from other instances'. */
  readonly instanceId = randomUUID();
  readonly #emitter = new EventEmitter();

  constructor() {
    this.#emitter.setMaxListeners(0);
  }

  publish(event: BusEvent): void {
    this.#emitter.emit("event", event);
  }

  subscribe(listener: (event: BusEvent) => void): () => void {
    this.#emitter.on("event", listener);
    return () => this.#emitter.off("event", listener);
  }

  listenerCount(): number {
    return this.#emitter.listenerCount("event");
  }

  notifyJobQueued(queue: string): void {
    this.#emitter.emit("job", queue);
  }

  onJobQueued(listener: (queue: string) => void): () => void {
    this.#emitter.on("job", listener);
    return () => this.#emitter.off("job", listener);
  }

  notifyAccessChanged(change: AccessChange): void {
    this.#emitter.emit("access", change);
  }

  onAccessChanged(listener: (change: AccessChange) => void): () => void {
    this.#emitter.on("access", listener);
    return () => this.#emitter.off("access", listener);
  }
}
