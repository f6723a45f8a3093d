import { randomBytes } from "node:crypto";
import { properties } from "@server/db/schema/index";
import { createStaffAccount } from "@server/domain/auth/create-staff-account";
import { canary } from "./canary";
import type { TestApp, TestHarness } from "./test-app";

export type Role = "ADMIN" | "MANAGER" | "AGENT";
export type TestStaff = { id: number; email: string; password: string };

let counter = 0;

/** A staff account with a (canary) password, member of these property codes. */
export async function createTestStaff(
  harness: TestHarness,
  options: { role?: Role; propertyCodes?: string[]; email?: string; password?: string } = {},
): Promise<TestStaff> {
  counter += 1;
  const email = options.email ?? `staff${counter}-${randomBytes(4).toString("hex")}@hotel.test`;
  const password = options.password ?? canary("password");
  const created = await createStaffAccount(harness.ctx(), {
    email,
    name: `Staff ${counter}`,
    role: options.role ?? "AGENT",
    propertyCodes: options.propertyCodes ?? [],
    password,
  });
  return { id: created.id, email: created.email, password };
}

export type SignedIn = {
  /** The Cookie request header carrying the session. */
  cookie: string;
  csrfToken: string;
  /** Headers for any request, state-changing ones included: cookie + X-CSRF-Token. */
  headers: { cookie: string; "x-csrf-token": string };
  setCookie: string;
};

/** Signs in through POST /api/auth/login, as the web app does. */
export async function signIn(
  t: TestApp,
  staff: { email: string; password: string },
  headers: Record<string, string> = {},
): Promise<SignedIn> {
  const res = await t.app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { email: staff.email, password: staff.password },
    headers,
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed with ${res.statusCode}: ${res.body}`);
  const setCookie = String(res.headers["set-cookie"] ?? "");
  const cookie = setCookie.split(";")[0] ?? "";
  const csrfToken = (res.json() as { csrfToken: string }).csrfToken;
  return { cookie, csrfToken, headers: { cookie, "x-csrf-token": csrfToken }, setCookie };
}

/** A signed-in staff member of this role and these properties: headers ready for app.inject(). */
export async function sessionHeaders(
  t: TestApp,
  role: Role = "ADMIN",
  propertyCodes: string[] = [],
): Promise<SignedIn["headers"]> {
  return (await signIn(t, await createTestStaff(t, { role, propertyCodes }))).headers;
}

/** Inserts properties by code (name = code), returning their ids. */
export async function createTestProperties(
  harness: TestHarness,
  ...codes: string[]
): Promise<Record<string, number>> {
  const rows = await harness.database.db
    .insert(properties)
    .values(codes.map((code) => ({ code, name: `Hotel ${code}` })))
    .returning({ id: properties.id, code: properties.code });
  return Object.fromEntries(rows.map((r) => [r.code, r.id]));
}
