import type { ServerResponse } from "node:http";

/** Why a stream ended: sent to the client as a last `stream.closed` event when it can still be written. */
export type StreamCloseReason =
  | "access_ended"
  | "lifetime"
  | "replaced"
  | "shutdown"
  | "client_gone"
  | "fell_behind";

export type SseStreamOptions = {
  heartbeatMs: number;
  /** Unsent output beyond which the client is too slow: the stream is dropped, not buffered further. */
  maxBufferedBytes: number;
};

/** Writes Server-Sent Events frames to a raw response, with heartbeats so proxies keep it open. */
export class SseStream {
  readonly #heartbeat: NodeJS.Timeout;
  readonly #onHeartbeat: Array<() => void> = [];
  #closeReason: StreamCloseReason | undefined;

  constructor(
    private readonly res: ServerResponse,
    private readonly options: SseStreamOptions,
  ) {
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    });
    res.write("retry: 2000\n\n");
    this.#heartbeat = setInterval(() => {
      this.#write(": heartbeat\n\n");
      if (!this.closed) for (const callback of this.#onHeartbeat) callback();
    }, options.heartbeatMs);
    res.on("close", () => this.close("client_gone"));
  }

  get closed(): boolean {
    return this.#closeReason !== undefined;
  }

  get closeReason(): StreamCloseReason | undefined {
    return this.#closeReason;
  }

  send(event: string, data: unknown, id?: number): void {
    const idLine = id === undefined ? "" : `id: ${id}\n`;
    this.#write(`${idLine}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  onHeartbeat(callback: () => void): void {
    this.#onHeartbeat.push(callback);
  }

  onClose(callback: (reason: StreamCloseReason) => void): void {
    this.res.on("close", () => callback(this.#closeReason ?? "client_gone"));
  }

  close(reason: StreamCloseReason): void {
    if (this.closed) return;
    if (reason !== "client_gone") this.send("stream.closed", { reason });
    this.#closeReason = reason;
    clearInterval(this.#heartbeat);
    this.res.end();
  }

  #write(chunk: string): void {
    if (this.closed) return;
    const flushed = this.res.write(chunk);
    // write() answering false means the socket is not keeping up; only beyond the bound is the client
    // dropped, so a short stall (a busy proxy, a burst of events) costs nothing. Dropped, it reconnects
    // with Last-Event-ID and is replayed what it missed from the database instead of from our memory.
    if (!flushed && this.res.writableLength > this.options.maxBufferedBytes) {
      this.#closeReason = "fell_behind";
      clearInterval(this.#heartbeat);
      this.res.destroy();
    }
  }
}
