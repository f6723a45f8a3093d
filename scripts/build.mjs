// Builds the web app (Vite) and the server bundle (esbuild) into dist/.
// With --if-stale, does nothing when dist/ is newer than every source file (npm start runs it so).
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const stamp = path.join(root, "dist/.build-stamp");
const sources = ["server/src", "web", "contract", "package.json", "package-lock.json", "tsconfig.json"];
const serverEntries = ["server/src/main.ts", "server/src/simulator/simulator-cli.ts"];

function newestMtime(p) {
  if (!existsSync(p)) return 0;
  const stat = statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(p)) {
    if (entry === "node_modules" || entry === "dist") continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

const ifStale = process.argv.includes("--if-stale");
const sourceTime = Math.max(...sources.map((s) => newestMtime(path.join(root, s))));
if (ifStale && existsSync(stamp) && statSync(stamp).mtimeMs >= sourceTime) process.exit(0);

const started = Date.now();
console.log("commhub: building the web app and the server…");
const { build: viteBuild } = await import("vite");
await viteBuild({ configFile: path.join(root, "web/vite.config.ts"), logLevel: "warn" });

const { build: esbuild } = await import("esbuild");
await esbuild({
  entryPoints: serverEntries.map((e) => path.join(root, e)),
  outdir: path.join(root, "dist/server"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  tsconfig: path.join(root, "tsconfig.json"),
  logLevel: "warning",
});
writeFileSync(stamp, new Date().toISOString());
console.log(`commhub: built in ${((Date.now() - started) / 1000).toFixed(1)}s`);
