import type { DemoAccount } from "./seed-demo";

/** What the console shows once when the demo staff are created: each account with its random password. */
export function demoAccountsNotice(accounts: DemoAccount[]): string {
  const width = Math.max(...accounts.map((a) => a.email.length));
  return [
    "",
    "commhub: created the demo staff accounts. These passwords are shown once; write them down.",
    ...accounts.map((a) => `  ${a.email.padEnd(width)}  ${a.role.padEnd(7)}  ${a.password}`),
    "  Against the real Gupshup (GUPSHUP_API_KEY) the hub will not start while any keeps this password.",
    "",
  ].join("\n");
}
