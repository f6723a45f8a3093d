import { parseArgs } from "node:util";
import { AppError } from "@server/errors";
import { runApiKeyCommand } from "./api-key-commands";
import type { CliIo } from "./cli-io";
import { runMediaCommand } from "./media-commands";
import { USAGE, UsageError } from "./usage";
import { runUserCommand } from "./user-commands";

const OPTIONS = {
  email: { type: "string" },
  name: { type: "string" },
  role: { type: "string" },
  property: { type: "string", multiple: true },
  password: { type: "string" },
  id: { type: "string" },
  prefix: { type: "string" },
  "expires-at": { type: "string" },
  to: { type: "string" },
  from: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** Runs one CLI command; resolves to the exit code (0 done, 1 failed, 2 bad command line). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const { values, positionals } = parseCommandLine(argv);
    const [group, verb, ...extra] = positionals;
    if (values.help || group === "help" || group === undefined) {
      io.out(USAGE);
      return group === undefined && !values.help ? 2 : 0;
    }
    if (extra.length) throw new UsageError(`unexpected argument ${extra[0]}`);
    if (group === "user") await runUserCommand(verb, values, io);
    else if (group === "api-key") await runApiKeyCommand(verb, values, io);
    else if (group === "media") await runMediaCommand(verb, values, io);
    else throw new UsageError(`unknown command ${group}`);
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`commhub cli: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    if (err instanceof AppError) {
      io.err(`commhub cli: ${err.message}`);
      return 1;
    }
    io.err(`commhub cli: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}
