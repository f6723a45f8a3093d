// Builds the web app (Vite) and the server bundle (esbuild) into dist/, and prints the web chunks' sizes.
// With --if-stale, does nothing when dist/ is newer than every source file (npm start runs it so).
// Fails (exit 1) when the first-load JavaScript (the entry chunk and the chunks it imports statically,
// which the browser fetches before it can draw the login page) is over budget; under --if-stale it only
// warns, so that `npm start` still starts.
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const FIRST_LOAD_BUDGET_GZIP_BYTES = 100 * 1024;

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
// Vite and React take NODE_ENV from the environment: under the test runner (NODE_ENV=test) the bundle
// would carry React's development build (139 KB gzip instead of 78). What is served is always production.
process.env.NODE_ENV = "production";
const { build: viteBuild } = await import("vite");
const chunks = [];
const collectChunks = {
  name: "commhub-collect-chunks",
  generateBundle(_options, bundle) {
    for (const output of Object.values(bundle)) if (output.type === "chunk") chunks.push(output);
  },
};
await viteBuild({
  configFile: path.join(root, "web/vite.config.ts"),
  logLevel: "warn",
  plugins: [collectChunks],
});
const overBudget = reportWebChunks(chunks);

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
if (overBudget && !ifStale) process.exit(1);

/** Prints every chunk's raw and gzip size; returns whether the first-load JavaScript is over budget. */
function reportWebChunks(chunks) {
  const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const firstLoad = new Set();
  const visit = (file) => {
    if (firstLoad.has(file)) return;
    firstLoad.add(file);
    for (const imported of byFile.get(file)?.imports ?? []) visit(imported);
  };
  for (const chunk of chunks) if (chunk.isEntry) visit(chunk.fileName);

  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  let firstLoadGzip = 0;
  console.log("web chunks (raw / gzip):");
  for (const chunk of [...chunks].sort((a, b) => a.fileName.localeCompare(b.fileName))) {
    const gzip = gzipSync(chunk.code).length;
    const loadsFirst = firstLoad.has(chunk.fileName);
    if (loadsFirst) firstLoadGzip += gzip;
    console.log(
      `  ${chunk.fileName.padEnd(48)} ${kb(chunk.code.length).padStart(10)} / ${kb(gzip).padStart(9)}${loadsFirst ? "  (first load)" : ""}`,
    );
  }
  const over = firstLoadGzip > FIRST_LOAD_BUDGET_GZIP_BYTES;
  const line = `first-load JavaScript: ${kb(firstLoadGzip)} gzip (budget ${kb(FIRST_LOAD_BUDGET_GZIP_BYTES)})`;
  if (over)
    console.error(
      `commhub: ${line} — over budget: load the new code on demand (React.lazy) or keep it out of the entry`,
    );
  else console.log(line);
  return over;
}
