import type { ChildProcess } from "node:child_process";

/**
 * The child's exit code, once it has exited *and* its piped output has been read to the end. Node emits
 * "exit" before the last chunks of stdout/stderr arrive; a test that asserts on the output must wait
 * for "close", or on a loaded machine it reads a truncated copy.
 */
export function exitCodeAfterOutput(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once("close", (code: number | null) => resolve(code)));
}
