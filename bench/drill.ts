// `npm run drill -- <name>`: fault drills with the pass criteria of docs/RELIABILITY.md.
// Each prints PASS or FAIL with its figures and exits 1 on FAIL. Needs a PostgreSQL server (DATABASE_URL or
// the local default) and works in scratch databases named commhub_bench*.
//   load-60s          scenario 24: 60 s of webhooks at 50 connections, then the inbox list on 100 k messages
//   pg-restart        scenario 15: PostgreSQL restarted (-m immediate) under webhook load; restarts the
//                     whole local PostgreSQL server, so never run it while others use that server
//   provider-outage   scenario 16: the provider answers 503 for a while; breaker, then everything delivered
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { projectPath } from "@server/project-path";

const DRILLS: Record<string, string> = {
  "load-60s": "bench/drills/load-60s.ts",
  "pg-restart": "bench/drills/pg-restart.ts",
  "provider-outage": "bench/drills/provider-outage.ts",
};

const [name, ...rest] = process.argv.slice(2);
const script = name ? DRILLS[name] : undefined;
if (!script || !existsSync(projectPath(script))) {
  console.error(`usage: npm run drill -- <${Object.keys(DRILLS).join("|")}>`);
  process.exit(2);
}
try {
  execFileSync(process.execPath, ["--import", "tsx", projectPath(script), ...rest], { stdio: "inherit" });
} catch {
  process.exit(1);
}
