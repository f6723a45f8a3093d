import type { Ctx } from "@server/context";
import { systemActor } from "@server/context";
import { createCtx, type Deps } from "@server/deps";

/** Where a command writes, and how it reaches the database: the real process, or a test's harness. */
export type CliIo = {
  out: (line: string) => void;
  err: (line: string) => void;
  openDeps: () => Promise<{ deps: Deps; close: () => Promise<void> }>;
};

/** Opens the database, runs one verb as the system actor "cli" (audited as SYSTEM), closes it. */
export async function withCliCtx<T>(io: CliIo, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  const { deps, close } = await io.openDeps();
  try {
    return await fn(createCtx(deps, systemActor("cli")));
  } finally {
    await close();
  }
}
