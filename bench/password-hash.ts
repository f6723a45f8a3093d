// Measures password-hash cost on this machine: `npx tsx bench/password-hash.ts [rounds]`.
// Prints one Markdown table row per variant (single-hash latency and throughput with every round started at once).
import { scrypt as scryptCallback } from "node:crypto";
import os from "node:os";
import { promisify } from "node:util";
import { hash } from "@node-rs/argon2";
import { ARGON2ID_PARAMS } from "@server/domain/staff/password-hash";

const scrypt = promisify(scryptCallback) as (
  password: string,
  salt: string,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

type Variant = { name: string; run: () => Promise<unknown> };

const argon2id = (memoryCost: number, timeCost: number): Variant => ({
  name: `Argon2id m=${Math.round(memoryCost / 1024)} MiB, t=${timeCost}, p=1${
    memoryCost === ARGON2ID_PARAMS.memoryCost && timeCost === ARGON2ID_PARAMS.timeCost ? " (chosen)" : ""
  }`,
  run: () => hash("correct horse battery staple", { algorithm: 2, memoryCost, timeCost, parallelism: 1 }),
});

const variants: Variant[] = [
  argon2id(19456, 2),
  argon2id(47104, 1),
  argon2id(65536, 3),
  {
    name: "scrypt N=2^17, r=8, p=1",
    run: () =>
      scrypt("correct horse battery staple", "0123456789abcdef", 64, {
        N: 2 ** 17,
        r: 8,
        p: 1,
        maxmem: 256 * 1024 * 1024,
      }),
  },
];

const rounds = Number(process.argv[2] ?? 20);

async function measure(variant: Variant): Promise<string> {
  await variant.run();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    await variant.run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  const p95 = times[Math.min(times.length - 1, Math.floor(times.length * 0.95))] ?? 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: rounds }, () => variant.run()));
  const perSecond = rounds / ((performance.now() - start) / 1000);
  return `| ${variant.name} | ${median.toFixed(1)} | ${p95.toFixed(1)} | ${perSecond.toFixed(0)} |`;
}

console.log(
  `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}, ${rounds} rounds`,
);
console.log("");
console.log(
  "| variant | median ms | p95 ms | hashes/s, all rounds at once (libuv pool of 4 threads, 2 cores) |",
);
console.log("|---|---|---|---|");
for (const variant of variants) console.log(await measure(variant));
