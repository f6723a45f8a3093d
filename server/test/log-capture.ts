import { appendFileSync, closeSync, openSync, writeSync } from "node:fs";
import path from "node:path";
import { Writable } from "node:stream";
import { inject } from "vitest";

let target: Writable | undefined;

/**
 * This worker's capture file, when the run captures logs (always, unless TEST_LOG_LEVEL sends them to
 * the console instead). Test apps log into it at debug level through the real scrubbing logger; writes
 * are synchronous so nothing is lost when the worker exits.
 */
export function captureStream(): Writable | undefined {
  const dir = inject("logCapture")?.dir;
  if (!dir) return undefined;
  if (!target) {
    const fd = openSync(path.join(dir, `worker-${process.pid}.log`), "a");
    target = new Writable({
      write(chunk: Buffer, _encoding, done) {
        writeSync(fd, chunk);
        done();
      },
      final(done) {
        closeSync(fd);
        done();
      },
    });
  }
  return target;
}

/** Appends a child process's output (spawned servers, CLI runs) to the capture. */
export function captureChildOutput(label: string, output: string): void {
  const dir = insideVitest() ? inject("logCapture")?.dir : undefined;
  if (!dir || !output) return;
  appendFileSync(path.join(dir, `child-${label}-${process.pid}.log`), output);
}

// Scripts outside the test runner (npm run screenshots) start servers through the same helpers.
function insideVitest(): boolean {
  return process.env.VITEST !== undefined;
}
