// Scenario 20's timing criterion, kept out of the test suite (no timing assertions there):
// `npx tsx bench/login-enumeration.ts [rounds]` signs in alternately with an unknown email and with a
// wrong password for a real account, and prints the median latency of each and their ratio.
import { loadConfig } from "@server/config";
import { fromPglite, openPglite } from "@server/db/client";
import { runMigrations } from "@server/db/migrate";
import { createCtx, createDeps } from "@server/deps";
import { createStaffAccount } from "@server/domain/auth/create-staff-account";
import { buildApp } from "@server/http/app";
import { createLogger } from "@server/logger";

const rounds = Number(process.argv[2] ?? 200);
const config = loadConfig(
  { LOG_LEVEL: "silent", LOGIN_MAX_FAILURES: "1000000", LOGIN_IP_MAX_FAILURES: "1000000" },
  "/nonexistent",
);
const database = fromPglite(await openPglite());
await runMigrations(database.db);
const deps = createDeps(config, database, createLogger("silent"));
await createStaffAccount(createCtx(deps, { type: "system" }), {
  email: "known@hotel.test",
  name: "Known",
  role: "AGENT",
  password: "the-right-password",
});
const app = await buildApp(deps);

async function timed(email: string): Promise<number> {
  const start = performance.now();
  const res = await app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { email, password: "a-wrong-password" },
  });
  if (res.statusCode !== 401) throw new Error(`expected 401, got ${res.statusCode}`);
  return performance.now() - start;
}

const unknown: number[] = [];
const wrong: number[] = [];
for (let i = 0; i < 20; i++) await timed("warmup@hotel.test");
for (let i = 0; i < rounds; i++) {
  unknown.push(await timed(`nobody${i}@hotel.test`));
  wrong.push(await timed("known@hotel.test"));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const [u, w] = [median(unknown), median(wrong)];
console.log(`rounds: ${rounds} each, embedded PGlite, Node ${process.version}`);
console.log("| case | median ms |");
console.log("|---|---|");
console.log(`| unknown account | ${u.toFixed(1)} |`);
console.log(`| wrong password | ${w.toFixed(1)} |`);
console.log(`| ratio unknown / wrong | ${(u / w).toFixed(2)} (target 0.80–1.20) |`);
await app.close();
await database.close();
