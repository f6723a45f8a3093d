/** One line of the doctor's checklist; `fix` says what to change when the check fails. */
export type Check = {
  name: string;
  status: "ok" | "fail" | "skip";
  detail: string;
  fix?: string;
};

export const ok = (name: string, detail: string): Check => ({ name, status: "ok", detail });
export const skip = (name: string, detail: string): Check => ({ name, status: "skip", detail });
export const fail = (name: string, detail: string, fix: string): Check => ({
  name,
  status: "fail",
  detail,
  fix,
});

const MARK = { ok: "[ok]  ", fail: "[FAIL]", skip: "[skip]" } as const;

/** The checklist as printed: one line per check, the fix indented under a failure. */
export function formatChecks(checks: Check[]): string {
  const lines = checks.flatMap((c) => [
    `${MARK[c.status]} ${c.name}: ${c.detail}`,
    ...(c.fix ? [`       fix: ${c.fix}`] : []),
  ]);
  const failed = checks.filter((c) => c.status === "fail").length;
  lines.push(
    "",
    failed === 0
      ? "commhub doctor: all checks passed"
      : `commhub doctor: ${failed} check${failed === 1 ? "" : "s"} failed`,
  );
  return lines.join("\n");
}
