import { EventEmitter } from "node:events";

export type BusEvent = {
  /** realtime_events.id: also the SSE event id. */
  id: number;
  type: string;
  propertyId: number | null;
  threadId: number | null;
  payload: unknown;
  createdAt: string;
};

/** In-process fan-out of committed realtime events to SSE streams and other listeners. */
export class EventBus {
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
}
