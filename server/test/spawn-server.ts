import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
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
  /** Wall-clock start deadline where the child's CPU time cannot be read (no /proc); see startWatch. */
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

  const watch = startWatch(child, options.startTimeoutMs ?? 60_000);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const problem = watch();
      if (problem) {
        clearInterval(timer);
        reject(new Error(`server did not start: ${problem}:\n${output}`));
      }
    }, 1_000);
    const onData = () => {
      const match = /"url":"(http:\/\/[^"]+)"/.exec(output);
      if (match?.[1]) {
        clearInterval(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on("data", onData);
    void exited.then((code) => {
      clearInterval(timer);
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

// A start on a busy machine is slow, not stuck: the first start on an empty DATA_DIR runs PGlite's initdb
// and compiles its WebAssembly (~15 s of CPU), which a 2-core machine running a parallel suite stretches to
// a minute or more of wall time. So where the child's CPU time can be read (Linux), the start deadline is
// on its progress, not the clock: it fails when the child used almost no CPU for STALL_MS (waiting for
// something that never comes: a lock, a connection; an idle Node still spends a few ms on its timers) or
// used START_CPU_BUDGET_MS of CPU (a busy loop) without listening. A wall-time ceiling remains.
const STALL_MS = 30_000;
const STALL_CPU_MS = 200;
const START_CPU_BUDGET_MS = 90_000;
const START_WALL_CEILING_MS = 10 * 60_000;
const CLOCK_TICKS_PER_SECOND = 100;

/** Returns a check to call every second: undefined while the start may go on, else why it failed. */
function startWatch(child: ChildProcess, wallTimeoutMs: number): () => string | undefined {
  const startedAt = Date.now();
  const samples: Array<{ at: number; cpu: number }> = [];
  return () => {
    const now = Date.now();
    const cpu = child.pid === undefined ? undefined : cpuTimeMs(child.pid);
    if (cpu === undefined)
      return now - startedAt > wallTimeoutMs ? `no listening line in ${wallTimeoutMs / 1000} s` : undefined;
    samples.push({ at: now, cpu });
    while (samples.length > 1 && (samples[1]?.at ?? now) <= now - STALL_MS) samples.shift();
    const oldest = samples[0];
    if (oldest && now - oldest.at >= STALL_MS && cpu - oldest.cpu < STALL_CPU_MS)
      return `stalled: used ${cpu - oldest.cpu} ms of CPU in the last ${STALL_MS / 1000} s`;
    if (cpu > START_CPU_BUDGET_MS) return `used ${START_CPU_BUDGET_MS / 1000} s of CPU without listening`;
    if (now - startedAt > START_WALL_CEILING_MS)
      return `no listening line in ${START_WALL_CEILING_MS / 1000} s`;
    return undefined;
  };
}

/** User + system CPU time of a process from /proc (Linux); undefined elsewhere or once it has exited. */
function cpuTimeMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces), from field 3 on: utime is 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
