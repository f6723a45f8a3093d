/**
 * Calls `send(key)` at most once per `intervalMs` per key: the first call for a key goes out at once
 * (no added latency for a lone wake-up), calls during the following interval are folded into one more
 * call at its end (so the last of a burst is never lost). Used for the cross-instance job wake-up: a
 * NOTIFY per enqueued job would take PostgreSQL's notification-queue lock on every commit.
 */
export function coalescePerKey(
  intervalMs: number,
  send: (key: string) => void,
): { call: (key: string) => void; stop: () => void } {
  // key → whether another call arrived during the current interval
  const cooling = new Map<string, { again: boolean; timer: NodeJS.Timeout }>();
  const open = (key: string) => {
    const timer = setTimeout(() => {
      const state = cooling.get(key);
      cooling.delete(key);
      if (state?.again) {
        send(key);
        open(key);
      }
    }, intervalMs);
    timer.unref();
    cooling.set(key, { again: false, timer });
  };
  return {
    call(key) {
      const state = cooling.get(key);
      if (state) {
        state.again = true;
        return;
      }
      send(key);
      open(key);
    },
    stop() {
      for (const { timer } of cooling.values()) clearTimeout(timer);
      cooling.clear();
    },
  };
}
