import { readdirSync, readFileSync } from "node:fs";
import { projectPath } from "@server/project-path";

const dir = () => projectPath("server/src/providers/gupshup/fixtures");

/** Every Gupshup callback fixture file name. */
export function fixtureNames(): string[] {
  return readdirSync(dir()).sort();
}

/**
 * A fixture as the webhook route would hand it over: `*.json` and `*.form.txt` are POST bodies,
 * `*.query.txt` is the query string of a GET with an empty body.
 */
export function fixtureRequest(name: string): { rawBody: string; query?: string; method: string } {
  const content = readFileSync(`${dir()}/${name}`, "utf8");
  if (name.endsWith(".query.txt")) return { rawBody: "", query: content.trim(), method: "GET" };
  return { rawBody: content, method: "POST" };
}
