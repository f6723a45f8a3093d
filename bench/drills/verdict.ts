// One line per criterion, then PASS or FAIL; the exit code follows.
export type Criterion = { name: string; ok: boolean; figure: string };

export function verdict(drill: string, criteria: Criterion[], notes: string[] = []): void {
  console.log(`\n${drill}`);
  for (const c of criteria) console.log(`  [${c.ok ? "ok" : "FAIL"}] ${c.name}: ${c.figure}`);
  for (const note of notes) console.log(`  ${note}`);
  const pass = criteria.every((c) => c.ok);
  console.log(`${pass ? "PASS" : "FAIL"} ${drill}`);
  process.exitCode = pass ? 0 : 1;
}
