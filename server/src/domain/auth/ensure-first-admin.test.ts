import { staffUsers } from "@server/db/schema/index";
import { canary } from "@test/canary";
import { createTestHarness, type TestHarness } from "@test/test-app";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_ADMIN_EMAIL, ensureFirstAdmin } from "./ensure-first-admin";
import { logIn } from "./log-in";

let h: TestHarness;
beforeEach(async () => {
  h = await createTestHarness();
});
afterEach(() => h.close());

describe(ensureFirstAdmin.name, () => {
  it("creates the admin from ADMIN_EMAIL / ADMIN_PASSWORD on an empty database, and never again", async () => {
    const password = canary("password");
    expect(await ensureFirstAdmin(h.ctx(), { email: "Boss@Hotel.test", password })).toEqual({
      created: true,
      email: "boss@hotel.test",
      generatedPassword: undefined,
    });
    expect(await ensureFirstAdmin(h.ctx(), { email: "other@hotel.test", password })).toEqual({
      created: false,
    });
    const users = await h.database.db.select().from(staffUsers);
    expect(users.map((u) => [u.email, u.role])).toEqual([["boss@hotel.test", "ADMIN"]]);
    await expect(
      logIn({ ...h.ctx(), ip: "127.0.0.1" }, { email: "boss@hotel.test", password }),
    ).resolves.toMatchObject({
      staffUserId: users[0]?.id,
    });
  });

  it("without configuration generates a password (returned once) for admin@commhub.local", async () => {
    const first = await ensureFirstAdmin(h.ctx(), {});
    if (!first.created) throw new Error("expected an admin");
    expect(first.email).toBe(DEFAULT_ADMIN_EMAIL);
    expect(first.generatedPassword).toMatch(/^[\w-]{24}$/);
    const session = await logIn(
      { ...h.ctx(), ip: "127.0.0.1" },
      { email: first.email, password: first.generatedPassword ?? "" },
    );
    expect(session.token).toMatch(/^chs_/);
    expect(await ensureFirstAdmin(h.ctx(), {})).toEqual({ created: false });
  });

  it("creates exactly one admin when several instances start at once", async () => {
    const results = await Promise.all(Array.from({ length: 4 }, () => ensureFirstAdmin(h.ctx(), {})));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await h.database.db.select().from(staffUsers)).toHaveLength(1);
  });
});
