import type { ServerResponse } from "node:http";

/** Writes Server-Sent Events frames to a raw response, with heartbeats so proxies keep it open. */
export class SseStream {
  readonly #heartbeat: NodeJS.Timeout;
  #closed = false;

  constructor(
    private readonly res: ServerResponse,
    heartbeatMs = 15_000,
  ) {
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    });
    res.write("retry: 2000\n\n");
    this.#heartbeat = setInterval(() => this.#write(": heartbeat\n\n"), heartbeatMs);
    res.on("close", () => this.close());
  }

  get closed(): boolean {
    return this.#closed;
  }

  send(event: string, data: unknown, id?: number): void {
    const idLine = id === undefined ? "" : `id: ${id}\n`;
    this.#write(`${idLine}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  onClose(callback: () => void): void {
    this.res.on("close", callback);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#heartbeat);
    this.res.end();
  }

  #write(chunk: string): void {
    if (!this.#closed) this.res.write(chunk);
  }
}
