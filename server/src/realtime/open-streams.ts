import type { SseStream } from "./sse-stream";

/**
 * The open event streams of one instance, grouped by caller (a staff member or an API key), at most
 * `maxPerCaller` each. A new stream beyond that closes the caller's oldest rather than being refused:
 * the newest is the tab someone is looking at, while the oldest is most likely a tab left open or a
 * connection a sleeping laptop never closed, which would otherwise hold its slot until its socket
 * times out and leave the user with a dead inbox and a 429 they cannot act on.
 */
export class OpenStreams {
  readonly #byCaller = new Map<string, SseStream[]>();

  constructor(private readonly maxPerCaller: number) {}

  add(caller: string, stream: SseStream): void {
    const open = this.#byCaller.get(caller) ?? [];
    open.push(stream);
    this.#byCaller.set(caller, open);
    stream.onClose(() => this.#remove(caller, stream));
    while (open.length > this.maxPerCaller) open.shift()?.close("replaced");
  }

  closeAll(): void {
    for (const open of [...this.#byCaller.values()]) for (const stream of [...open]) stream.close("shutdown");
  }

  #remove(caller: string, stream: SseStream): void {
    const open = this.#byCaller.get(caller);
    if (!open) return;
    const index = open.indexOf(stream);
    if (index >= 0) open.splice(index, 1);
    if (open.length === 0) this.#byCaller.delete(caller);
  }
}
