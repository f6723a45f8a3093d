export type SseMessage = { id?: number; event: string; data: unknown };

/** A minimal Server-Sent Events client over fetch, collecting every event it receives. */
export async function openSse(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const res = await fetch(url, {
    headers: { accept: "text/event-stream", ...headers },
    signal: controller.signal,
  });
  const messages: SseMessage[] = [];
  let ended = false;
  let endedByServer = false;
  const done = (async () => {
    if (!res.ok || !res.body) return;
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of res.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          const frame = parseFrame(buffer.slice(0, end));
          if (frame) messages.push(frame);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf("\n\n");
        }
      }
      endedByServer = true;
    } catch {
      // aborted by close(), or the server dropped the connection
    }
    ended = true;
  })();
  return {
    status: res.status,
    headers: res.headers,
    messages,
    /** Whether the server ended the stream (close() aborting it does not count). */
    endedByServer: () => endedByServer,
    async waitFor(predicate: (m: SseMessage) => boolean, timeoutMs = 5_000): Promise<SseMessage> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find(predicate);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no matching SSE event; got ${JSON.stringify(messages)}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    /** Whether the server has ended the stream (or close() aborted it). */
    get ended(): boolean {
      return ended;
    },
    /** Resolves when the server ends the stream; throws when it is still open after the timeout. */
    async waitForEnd(timeoutMs = 5_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!ended) {
        if (Date.now() > deadline) throw new Error(`SSE stream still open; got ${JSON.stringify(messages)}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async close(): Promise<void> {
      controller.abort();
      await done;
    },
  };
}

function parseFrame(frame: string): SseMessage | undefined {
  let event = "message";
  let id: number | undefined;
  const data: string[] = [];
  for (const line of frame.split("\n")) {
    if (line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "event") event = value;
    else if (field === "id") id = Number(value);
    else if (field === "data") data.push(value);
  }
  if (data.length === 0) return undefined;
  return { id, event, data: JSON.parse(data.join("\n")) };
}
