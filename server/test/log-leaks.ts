import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** What must never appear in a log line (scenario 23); each finding names the pattern that caught it. */
export const LEAK_PATTERNS: Array<{ name: string; pattern: RegExp }> = [
  { name: "phone number", pattern: /(?<![\w.])\+?\d{10,15}(?![\d.])/ },
  {
    name: "formatted phone number",
    pattern: /\+\d{1,3}[ ()-]{1,2}\d{2,5}[ )-]{1,2}\d{3,5}(?:[ -]?\d{2,5})?/,
  },
  {
    name: "test canary (message body, password or secret)",
    pattern: /canary-(?:body|password|secret|name)-[a-z]{16}/,
  },
  { name: "API key", pattern: /chk_[A-Za-z0-9_-]{16,}/ },
  { name: "session token", pattern: /chs_[A-Za-z0-9_-]{16,}/ },
  { name: "bearer credential", pattern: /Bearer\s+(?!\[redacted\])[A-Za-z0-9._~+/=-]{8,}/i },
  { name: "authorization header", pattern: /"authorization"\s*:\s*"(?!\[redacted\])/i },
  { name: "cookie header", pattern: /"(?:set-)?cookie"\s*:\s*"(?!\[redacted\])/i },
  { name: "CSRF token header", pattern: /"x-csrf-token"\s*:\s*"(?!\[redacted\])/i },
  { name: "webhook token in a URL", pattern: /[?&]token=(?!\[redacted\])[^&\s"]{4,}/ },
  { name: "password hash", pattern: /\$argon2(?:id|i|d)\$/ },
];

export type Leak = { file: string; line: number; pattern: string; excerpt: string };

export function findLeaks(text: string, file = "<text>"): Leak[] {
  const leaks: Leak[] = [];
  text.split("\n").forEach((line, index) => {
    for (const { name, pattern } of LEAK_PATTERNS) {
      const match = pattern.exec(line);
      if (match) {
        const start = Math.max(0, match.index - 40);
        leaks.push({ file, line: index + 1, pattern: name, excerpt: line.slice(start, start + 120) });
      }
    }
  });
  return leaks;
}

/** Scans every captured log file in `dir`; throws a readable report when anything leaked. */
export function assertNoLeaks(dir: string): void {
  const leaks = readdirSync(dir)
    .filter((name) => name.endsWith(".log"))
    .flatMap((name) => findLeaks(readFileSync(path.join(dir, name), "utf8"), name));
  if (leaks.length === 0) return;
  const report = leaks
    .slice(0, 20)
    .map((l) => `  ${l.file}:${l.line} ${l.pattern}: ${l.excerpt}`)
    .join("\n");
  throw new Error(
    `log capture: ${leaks.length} leak(s) of personal data or secrets in the test logs (${dir}):\n${report}`,
  );
}
