// `npm run bench`: every benchmark in turn, each appending its table to docs/BENCHMARKS.md. Needs a
// PostgreSQL server (DATABASE_URL, or postgres://postgres@127.0.0.1:5432/postgres); works in scratch
// databases named commhub_bench*. `npm run bench -- <name>` runs one: ack, lag, capacity, sends, queries, media.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { projectPath } from "@server/project-path";

const BENCHMARKS: Record<string, string> = {
  ack: "bench/webhook-ack-vs-pgbench.ts",
  lag: "bench/processing-lag.ts",
  capacity: "bench/processing-capacity.ts",
  sends: "bench/send-pipeline.ts",
  queries: "bench/hub-queries.ts",
  media: "bench/media-store-memory.ts",
};

const chosen = process.argv.slice(2);
for (const name of chosen.length > 0 ? chosen : Object.keys(BENCHMARKS)) {
  const script = BENCHMARKS[name];
  if (!script) throw new Error(`unknown benchmark ${name}; one of ${Object.keys(BENCHMARKS).join(", ")}`);
  if (!existsSync(projectPath(script))) {
    console.log(`skipping ${name}: ${script} is not there`);
    continue;
  }
  console.log(`\n== ${name}: ${script}`);
  execFileSync(process.execPath, ["--import", "tsx", projectPath(script)], { stdio: "inherit" });
}
