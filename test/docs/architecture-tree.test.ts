import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { projectPath } from "@server/project-path";
import { describe, expect, it } from "vitest";

// docs/ARCHITECTURE.md draws the repository as a tree. It drifts as files move: this reads the tree
// back into paths and checks each one against the checkout, and that nothing is listed twice.

type Entry = { line: number; path: string };

function treeEntries(markdown: string): Entry[] {
  const lines = markdown.split("\n");
  const start = lines.findIndex((line, i) => line === "." && lines[i - 1]?.startsWith("```"));
  if (start < 0) throw new Error("no tree (a code block starting with '.') in docs/ARCHITECTURE.md");
  const entries: Entry[] = [];
  const dirs: string[] = [];
  for (let i = start + 1; i < lines.length && !lines[i]?.startsWith("```"); i++) {
    const line = (lines[i] ?? "").replace(/\s#.*$/, "");
    const prefix = /^[│├└─\s]*/.exec(line)?.[0] ?? "";
    const names = line.slice(prefix.length).trim();
    if (!names) continue;
    const depth = prefix.length / 4;
    const parent = dirs.slice(0, depth - 1).join("");
    const tokens = names.split(/[\s,]+/).filter(Boolean);
    for (const token of tokens) entries.push({ line: i + 1, path: parent + token });
    dirs.length = depth - 1;
    const only = tokens[0];
    if (tokens.length === 1 && only?.endsWith("/")) dirs.push(only);
    else dirs.push("");
  }
  return entries;
}

function exists(relative: string): boolean {
  const clean = relative.replace(/\/$/, "");
  if (!clean.includes("*")) return existsSync(projectPath(clean));
  const dir = projectPath(path.dirname(clean));
  const pattern = new RegExp(`^${path.basename(clean).replace(/[.]/g, "\\.").replace(/\*/g, ".*")}$`);
  return existsSync(dir) && readdirSync(dir).some((name) => pattern.test(name));
}

describe("docs/ARCHITECTURE.md tree", () => {
  const entries = treeEntries(readFileSync(projectPath("docs/ARCHITECTURE.md"), "utf8"));

  it("names only paths that exist", () => {
    expect(entries.length).toBeGreaterThan(50);
    const missing = entries.filter((e) => !exists(e.path)).map((e) => `line ${e.line}: ${e.path}`);
    expect(missing).toEqual([]);
  });

  it("lists each path once", () => {
    const seen = new Map<string, number>();
    const twice: string[] = [];
    for (const e of entries) {
      const first = seen.get(e.path);
      if (first !== undefined) twice.push(`${e.path} (lines ${first} and ${e.line})`);
      else seen.set(e.path, e.line);
    }
    expect(twice).toEqual([]);
  });
});

// The repository stands alone: the reference folder that sat beside it while it was built is not
// shipped with it, so no file may send a reader (or a test) there.
describe("the repository's files", () => {
  it("point nowhere outside the repository", () => {
    const tracked = execFileSync("git", ["ls-files"], { cwd: projectPath(), encoding: "utf8" })
      .split("\n")
      .filter((file) => /\.(ts|tsx|md|json|sh|yml|yaml)$/.test(file) || file.startsWith(".ci/"));
    expect(tracked.length).toBeGreaterThan(100);
    const outside = /\.\.\/shared\/|reliability-and-security\.md|gupshup-wire-formats\.md|inbox-anchors\.md/;
    const pointing = tracked.filter((file) => {
      if (file === "test/docs/architecture-tree.test.ts") return false;
      const full = projectPath(file);
      return existsSync(full) && outside.test(readFileSync(full, "utf8"));
    });
    expect(pointing).toEqual([]);
  });
});
