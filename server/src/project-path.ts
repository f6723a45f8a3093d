import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

let root: string | undefined;

/** Absolute path inside the repository, whether running from source (tsx) or from the dist bundle. */
export function projectPath(...segments: string[]): string {
  root ??= findRoot(path.dirname(fileURLToPath(import.meta.url)));
  return path.join(root, ...segments);
}

function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    const pkg = path.join(dir, "package.json");
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, "utf8")).name === "commhub") return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the commhub package.json above ${start}`);
    dir = parent;
  }
}

export function packageVersion(): string {
  return JSON.parse(readFileSync(projectPath("package.json"), "utf8")).version;
}
