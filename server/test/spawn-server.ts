import { type ChildProcess, spawn } from "node:child_process";
import { projectPath } from "@server/project-path";
import { exitCodeAfterOutput } from "./child-exit";
import { captureChildOutput } from "./log-capture";

export type ServerProcess = {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
};

export type SpawnOptions = {
  /** Run the built `dist/server/main.js` (what `npm start` runs; starts faster) instead of the sources through tsx. */
  built?: boolean;
  /** Node flags before the entry point, e.g. `--cpu-prof` for a benchmark profile. */
  nodeArgs?: string[];
  startTimeoutMs?: number;
  /** Names the process's output in the test run's log capture. */
  label?: string;
};

const running = new Set<ChildProcess>();

/**
 * Kills servers still running: a test that failed between start and stop. Called after every test file
 * (server/test/after-each-file.ts); Vitest ends its workers with SIGTERM, which runs no exit handler.
 */
export function killLeftoverServers(): void {
  for (const child of running) child.kill("SIGKILL");
}

// Enough output to diagnose a failure, bounded for long benchmark runs: the head and the latest tail.
const OUTPUT_LIMIT = 200_000;

/**
 * Starts the real server as a child process with the given environment, on a free port unless PORT is
 * given, and resolves once it logs its listening URL.
 */
export async function spawnServer(
  env: Record<string, string>,
  args: string[] = [],
  options: SpawnOptions = {},
): Promise<ServerProcess> {
  const entry = options.built
    ? [projectPath("dist/server/main.js")]
    : ["--import", "tsx", projectPath("server/src/main.ts")];
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...entry, ...args], {
    cwd: projectPath(),
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "test",
      PORT: "0",
      SIMULATOR_PORT: "0",
      LOG_LEVEL: "info",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output =
      output.length < OUTPUT_LIMIT
        ? output + chunk.toString()
        : output.slice(0, OUTPUT_LIMIT / 2) + chunk.toString();
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = exitCodeAfterOutput(child);
  running.add(child);
  void exited.then(() => running.delete(child));
  void exited.then(() => captureChildOutput(options.label ?? "server", output));

  // Generous by default: on a shared 2-core machine under a full parallel suite a start can take tens of seconds.
  const timeoutMs = options.startTimeoutMs ?? 60_000;
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start in ${timeoutMs / 1000} s:\n${output}`)),
      timeoutMs,
    );
    const onData = () => {
      const match = /"url":"(http:\/\/[^"]+)"/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on("data", onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${output}`));
    });
  });

  return {
    url,
    child,
    output: () => output,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Runs the server entry point expecting it to exit (e.g. on bad configuration). */
export async function runServerToExit(
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", projectPath("server/src/main.ts")], {
    cwd: projectPath(),
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "test", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk.toString();
  });
  const code = await exitCodeAfterOutput(child);
  captureChildOutput("server", stderr);
  return { code, stderr };
}
