import { auditLogs, staffUsers } from "@server/db/schema/index";
import { logIn } from "@server/domain/auth/log-in";
import { canary } from "@test/canary";
import { createTestProperties } from "@test/staff-session";
import { apiKeyHeaders, buildTestApp, type TestApp } from "@test/test-app";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliIo } from "./cli-io";
import { runCli } from "./run-cli";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  await createTestProperties(t, "GOA", "PUNE");
});
afterAll(() => t.close());

async function cli(...argv: string[]): Promise<{ code: number; out: string[]; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (line) => out.push(...line.split("\n")),
    err: (line) => err.push(line),
    openDeps: async () => ({ deps: t.deps, close: async () => {} }),
  };
  const code = await runCli(argv, io);
  return { code, out, err: err.join("\n") };
}

const signInAs = (email: string, password: string) =>
  logIn({ ...t.ctx(), ip: "127.0.0.1" }, { email, password });

/** Signs in and answers whose session that is: the email of the session's user. */
async function sessionOwner(email: string, password: string): Promise<string | undefined> {
  const { staffUserId } = await signInAs(email, password);
  const [user] = await t.database.db
    .select({ email: staffUsers.email })
    .from(staffUsers)
    .where(eq(staffUsers.id, staffUserId));
  return user?.email;
}

const printedPassword = (out: string[]) => /^password: (\S+)/.exec(out.at(-1) ?? "")?.[1] ?? "";

async function mustChange(email: string): Promise<boolean | undefined> {
  const [user] = await t.database.db
    .select({ mustChange: staffUsers.mustChangePassword })
    .from(staffUsers)
    .where(eq(staffUsers.email, email));
  return user?.mustChange;
}

describe("npm run cli -- user …", () => {
  it("user create with a given password, memberships by property code", async () => {
    const password = canary("password");
    const res = await cli(
      "user",
      "create",
      "--email",
      "Ann@Hotel.test",
      "--name",
      "Ann",
      "--role",
      "AGENT",
      "--property",
      "GOA",
      "--property",
      "PUNE",
      "--password",
      password,
    );
    expect(res).toMatchObject({
      code: 0,
      out: [expect.stringMatching(/^created AGENT ann@hotel.test \(id \d+\) for GOA, PUNE$/)],
    });
    await expect(signInAs("ann@hotel.test", password)).resolves.toMatchObject({ token: expect.any(String) });
  });

  it("user create without --password prints a random, temporary one that works", async () => {
    const res = await cli(
      "user",
      "create",
      "--email",
      "bob@hotel.test",
      "--name",
      "Bob",
      "--role",
      "MANAGER",
    );
    expect(res.code).toBe(0);
    const password = printedPassword(res.out);
    expect(password).toMatch(/^[\w-]{24}$/);
    await expect(sessionOwner("bob@hotel.test", password)).resolves.toBe("bob@hotel.test");
    // Printed on an operator's console: Bob must choose his own before anything else.
    expect(await mustChange("bob@hotel.test")).toBe(true);
  });

  it("user reset-password ends the user's sessions; the old password stops working", async () => {
    const old = canary("password");
    await cli(
      "user",
      "create",
      "--email",
      "cy@hotel.test",
      "--name",
      "Cy",
      "--role",
      "AGENT",
      "--password",
      old,
    );
    await signInAs("cy@hotel.test", old);
    const fresh = canary("password");
    const res = await cli("user", "reset-password", "--email", "cy@hotel.test", "--password", fresh);
    expect(res).toMatchObject({ code: 0, out: ["password of cy@hotel.test reset; 1 session(s) ended"] });
    await expect(signInAs("cy@hotel.test", old)).rejects.toThrow("email or password is incorrect");
    await expect(sessionOwner("cy@hotel.test", fresh)).resolves.toBe("cy@hotel.test");
    expect(await mustChange("cy@hotel.test")).toBe(false);

    const printed = await cli("user", "reset-password", "--email", "cy@hotel.test");
    expect(printed.out.at(-1)).toMatch(/^password: \S+ \(temporary: to be changed at first sign-in\)$/);
    await expect(sessionOwner("cy@hotel.test", printedPassword(printed.out))).resolves.toBe("cy@hotel.test");
    expect(await mustChange("cy@hotel.test")).toBe(true);
  });

  it("user deactivate", async () => {
    await cli("user", "create", "--email", "dee@hotel.test", "--name", "Dee", "--role", "AGENT");
    expect((await cli("user", "deactivate", "--email", "dee@hotel.test")).code).toBe(0);
    const [row] = await t.database.db.select().from(staffUsers).where(eq(staffUsers.email, "dee@hotel.test"));
    expect(row?.isActive).toBe(false);
    const audit = await t.database.db
      .select()
      .from(auditLogs)
      .where(eq(auditLogs.action, "staff.deactivated"));
    expect(audit[0]).toMatchObject({ actorType: "SYSTEM", targetId: String(row?.id) });
  });

  it("refuses a short password, a duplicate email and an unknown property with exit 1", async () => {
    expect(
      await cli(
        "user",
        "create",
        "--email",
        "e@hotel.test",
        "--name",
        "E",
        "--role",
        "AGENT",
        "--password",
        "short",
      ),
    ).toMatchObject({ code: 1, err: "commhub cli: password: must be at least 8 characters" });
    await cli("user", "create", "--email", "f@hotel.test", "--name", "F", "--role", "AGENT");
    expect(
      (await cli("user", "create", "--email", "F@hotel.test", "--name", "F", "--role", "AGENT")).code,
    ).toBe(1);
    expect(
      (
        await cli(
          "user",
          "create",
          "--email",
          "g@hotel.test",
          "--name",
          "G",
          "--role",
          "AGENT",
          "--property",
          "NOPE",
        )
      ).err,
    ).toContain("unknown property code NOPE");
    expect((await cli("user", "deactivate", "--email", "nobody@hotel.test")).code).toBe(1);
  });
});

describe("npm run cli -- api-key …", () => {
  it("api-key create prints the key alone on the last line; the key works", async () => {
    const res = await cli("api-key", "create", "--name", "booking", "--role", "AGENT", "--property", "GOA");
    expect(res.code).toBe(0);
    const key = res.out.at(-1) ?? "";
    expect(key).toMatch(/^chk_[\w-]{43}$/);
    const me = await t.app.inject({
      method: "GET",
      url: "/api/auth/me",
      headers: { authorization: `Bearer ${key}` },
    });
    expect(me.statusCode).toBe(200);
  });

  it("api-key create --expires-at gives a key that stops working then; a bad date is a usage error", async () => {
    const res = await cli(
      "api-key",
      "create",
      "--name",
      "pilot",
      "--role",
      "AGENT",
      "--expires-at",
      "2099-01-31",
    );
    expect(res.code).toBe(0);
    expect(res.out[0]).toContain("expires 2099-01-31T00:00:00.000Z");
    const [row] = (await cli("api-key", "list")).out.filter((line) => line.includes("pilot"));
    expect(row).toContain("expires 2099-01-31T00:00:00.000Z");
    const past = await cli(
      "api-key",
      "create",
      "--name",
      "old",
      "--role",
      "AGENT",
      "--expires-at",
      "2001-01-01",
    );
    expect([past.code, past.err]).toEqual([1, expect.stringContaining("expiresAt must lie in the future")]);
    const bad = await cli("api-key", "create", "--name", "x", "--role", "AGENT", "--expires-at", "soon");
    expect([bad.code, bad.err]).toEqual([2, expect.stringContaining("--expires-at must be a date")]);
  });

  it("api-key list shows prefixes, never keys; revoke by id or prefix", async () => {
    const a = (await cli("api-key", "create", "--name", "a", "--role", "AGENT")).out.at(-1) ?? "";
    const b = (await cli("api-key", "create", "--name", "b", "--role", "ADMIN")).out.at(-1) ?? "";
    const list = await cli("api-key", "list");
    expect(list.out.join("\n")).not.toContain(a);
    const idOfA = list.out.find((l) => l.includes(a.slice(0, 12)))?.split("\t")[0] ?? "";
    expect((await cli("api-key", "revoke", "--id", idOfA)).out).toEqual([`revoked API key ${idOfA}`]);
    expect((await cli("api-key", "revoke", "--prefix", b.slice(0, 12))).code).toBe(0);
    for (const key of [a, b]) {
      const me = await t.app.inject({
        method: "GET",
        url: "/api/auth/me",
        headers: { authorization: `Bearer ${key}` },
      });
      expect(me.statusCode).toBe(401);
    }
    expect((await cli("api-key", "revoke", "--id", idOfA)).out).toEqual([
      `API key ${idOfA} was already revoked`,
    ]);
  });
});

describe("command-line mistakes", () => {
  it.each([
    [["user", "create", "--email", "x@hotel.test", "--name", "X"], "--role is required"],
    [
      ["user", "create", "--email", "x@hotel.test", "--name", "X", "--role", "BOSS"],
      "--role must be ADMIN, MANAGER or AGENT",
    ],
    [["user", "create", "--name", "X", "--role", "AGENT"], "--email is required"],
    [["user", "promote", "--email", "x@hotel.test"], "unknown command: user promote"],
    [["api-key", "create", "--role", "AGENT"], "--name is required"],
    [["api-key", "revoke"], "exactly one of --id N or --prefix PREFIX"],
    [["api-key", "revoke", "--id", "abc"], "--id must be a positive integer"],
    [["api-key", "list", "--colour", "red"], "Unknown option '--colour'"],
    [["frobnicate"], "unknown command frobnicate"],
    [[], "usage:"],
  ])("%j exits 2 with a clear message", async (argv, message) => {
    const res = await cli(...argv);
    expect(res.code).toBe(2);
    expect(`${res.err}${res.out.join("\n")}`).toContain(message);
  });

  it("--help prints the usage and exits 0", async () => {
    expect(await cli("--help")).toMatchObject({
      code: 0,
      out: expect.arrayContaining([expect.stringContaining("api-key create")]),
    });
  });
});

describe("keys made by the CLI", () => {
  it("are refused by an admin API route for non-admins (sanity of the role)", async () => {
    const key = (await cli("api-key", "create", "--name", "agent", "--role", "AGENT")).out.at(-1) ?? "";
    const res = await t.app.inject({
      method: "GET",
      url: "/api/api-keys",
      headers: { authorization: `Bearer ${key}` },
    });
    expect(res.statusCode).toBe(403);
    expect(
      (await t.app.inject({ method: "GET", url: "/api/api-keys", headers: await apiKeyHeaders(t) }))
        .statusCode,
    ).toBe(200);
  });
});
