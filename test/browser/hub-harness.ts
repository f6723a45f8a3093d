import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { projectPath } from "@server/project-path";
import { databaseUrl } from "@test/global-setup";
import { type ServerProcess, spawnServer } from "@test/spawn-server";
import pg from "pg";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { inject } from "vitest";

export const CHROMIUM_PATH = "/usr/bin/chromium";
export const ADMIN = "admin@commhub.example";
export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };

/**
 * Whether the browser tests can run. Without Chromium they are skipped, loudly; CI sets REQUIRE_BROWSER=1
 * so that a missing browser fails the run instead of passing it silently.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.REQUIRE_BROWSER === "1")
    throw new Error(`REQUIRE_BROWSER=1 but ${CHROMIUM_PATH} is missing: apt-get install -y chromium`);
  console.warn(
    `\n!!! ${CHROMIUM_PATH} not found: the web app's browser tests are SKIPPED (apt-get install -y chromium) !!!\n`,
  );
  return false;
}

export type Hub = {
  server: ServerProcess;
  url: string;
  simulatorUrl: string;
  browser: Browser;
  /** The demo staff's passwords, read where a newcomer reads them: the server's first-start output. */
  passwords: Map<string, string>;
  simulator: (route: string, body?: unknown) => Promise<unknown>;
  stop: () => Promise<void>;
};

/**
 * Builds the web app (once, whichever test file gets there first), then starts the real server, with
 * `env` added to its environment.
 */
export async function startHub(env: Record<string, string> = {}): Promise<Hub> {
  buildWebApp();
  const dataDir = mkdtempSync(path.join(tmpdir(), "commhub-browser-"));
  const database = await testDatabase();
  // The built server starts in a fraction of the time tsx needs, which matters on a loaded 2-core machine.
  const server = await spawnServer(
    { DATA_DIR: dataDir, ...(database ? { DATABASE_URL: database.url } : {}), ...env },
    [],
    { built: true, startTimeoutMs: 180_000, label: "browser-server" },
  );
  const passwords = new Map(
    [...server.output().matchAll(/^ {2}(\S+@commhub\.example) +[A-Z]+ +(\S+)$/gm)].map((m) => [
      m[1] ?? "",
      m[2] ?? "",
    ]),
  );
  if (!passwords.has(ADMIN)) throw new Error(`no demo passwords in the server's output:\n${server.output()}`);
  const simulatorUrl = /"simulatorUrl":"(http:\/\/[^"]+)"/.exec(server.output())?.[1];
  if (!simulatorUrl) throw new Error(`no simulator URL in the server's log:\n${server.output()}`);
  const simulator = async (route: string, body?: unknown) => {
    const res = await fetch(`${simulatorUrl}${route}`, {
      method: body === undefined ? "GET" : "POST",
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return res.json();
  };
  // Statuses come back within seconds, but not before a loaded machine has recorded the provider's
  // message id: a status that overtakes it is held and applied later by a periodic sweep.
  await simulator("/simulator/knobs", {
    delaysMs: { enqueued: 700, sent: 700, delivered: 700, read: 700 },
    readReceipts: true,
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  return {
    server,
    url: server.url,
    simulatorUrl,
    browser,
    passwords,
    simulator,
    stop: async () => {
      await browser.close();
      await server.stop();
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function signIn(
  hub: Hub,
  email: string,
  password = hub.passwords.get(email) ?? "",
  baseUrl = hub.url,
  viewport: { width: number; height: number } = { width: 1280, height: 800 },
  /** The browser's time zone; the machine's (UTC here) when omitted. */
  timezoneId?: string,
): Promise<Page> {
  const context = await hub.browser.newContext({ viewport, hasTouch: viewport.width < 768, timezoneId });
  const page = await context.newPage();
  // Generous: live updates pass through the webhook queue, which a loaded machine slows down.
  page.setDefaultTimeout(90_000);
  await page.goto(`${baseUrl}/`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("thread-list").waitFor();
  // Live before acting: what a test does next must reach this page as an event.
  await page.getByTestId("live-badge").filter({ hasText: "Live" }).waitFor();
  return page;
}

/** Opens the inbox row of the guest with this name. */
export async function openThread(page: Page, guestName: string): Promise<void> {
  await page.getByRole("button", { name: new RegExp(`^${guestName}`) }).click();
  await page.getByRole("heading", { name: guestName }).waitFor();
}

export type A11yViolation = { rule: string; impact: string; help: string; targets: string[] };

let axeSource: string | undefined;

/**
 * Runs axe-core (its default rules: WCAG 2.x A/AA and best practices) on the page as it is now and
 * returns the serious and critical violations.
 */
export async function seriousA11yViolations(page: Page): Promise<A11yViolation[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  // Evaluated rather than added as a <script>: the app's Content-Security-Policy (rightly) refuses inline
  // scripts, and the page under test keeps its real policy.
  if (!(await page.evaluate("typeof axe !== 'undefined'"))) await page.evaluate(axeSource);
  // A string, evaluated in the page (the tests are compiled without the DOM's types).
  const violations = (await page.evaluate(`axe.run(document, { resultTypes: ["violations"] }).then((result) =>
    result.violations.map((v) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((node) => node.target.join(" ")),
    })))`)) as A11yViolation[];
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** Fails with every serious or critical axe-core violation on the page, listed for the reader. */
export async function expectNoSeriousA11yViolations(page: Page, screen: string): Promise<void> {
  const violations = await seriousA11yViolations(page);
  if (violations.length === 0) return;
  const list = violations
    .map((v) => `- ${v.impact} ${v.rule}: ${v.help}\n    ${v.targets.slice(0, 5).join("\n    ")}`)
    .join("\n");
  throw new Error(`axe-core: ${violations.length} serious/critical violation(s) on ${screen}:\n${list}`);
}

/** True when the page scrolls sideways (the phone layout must never). */
export function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate("document.documentElement.scrollWidth > window.innerWidth") as Promise<boolean>;
}

/**
 * A screenshot taker for looking at screens by hand: PNGs into `dir` (relative to the project) when the
 * test is run with that variable set, nothing otherwise.
 */
export function screenshotsTo(dir: string | undefined): (page: Page, name: string) => Promise<void> {
  return async (page, name) => {
    if (!dir) return;
    mkdirSync(projectPath(dir), { recursive: true });
    await page.screenshot({ path: projectPath(`${dir}/${name}.png`), fullPage: true });
  };
}

// Several test files may start at once; the first builds under a lock, the others wait for it.
function buildWebApp(): void {
  const lock = projectPath("dist/.browser-build-lock");
  const index = projectPath("dist/web/index.html");
  mkdirSync(projectPath("dist"), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const stale = existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 180_000;
      if (stale) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error("waited 3 min for another test's web build");
      execFileSync("sleep", ["0.5"]);
    }
  }
  try {
    execFileSync(process.execPath, [projectPath("scripts/build.mjs"), "--if-stale"], { stdio: "inherit" });
    if (!existsSync(index)) throw new Error("the web build produced no dist/web/index.html");
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Under `npm test` with DATABASE_URL, a fresh PostgreSQL database cloned from the run's migrated
 * template (the server loads the demo chain into it, as on any empty database in simulator mode);
 * otherwise (PGlite runs, `npm run screenshots`) none, and the server uses PGlite under DATA_DIR.
 */
async function testDatabase(): Promise<{ url: string; drop: () => Promise<void> } | undefined> {
  const testDb = process.env.VITEST ? inject("testDb") : undefined;
  if (testDb?.kind !== "postgres") return undefined;
  const name = `commhub_browser_${randomBytes(6).toString("hex")}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: testDb.adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name} template ${testDb.template}`);
  return {
    url: databaseUrl(testDb.adminUrl, name),
    drop: () => admin(`drop database if exists ${name} with (force)`),
  };
}

/** Chooses one of the open thread's secondary actions from its "More actions" menu. */
export async function threadMenuAction(page: Page, item: string): Promise<void> {
  await page.locator(".thread-header").getByRole("button", { name: "More actions" }).click();
  await page
    .getByRole("menu", { name: "More actions" })
    .getByRole("menuitem", { name: item, exact: true })
    .click();
}

/**
 * Keeps every desktop notification the page shows in `window.__notifications` ({ title, body }), the
 * real Notification API still underneath (the context must grant the permission).
 */
export async function recordNotifications(context: BrowserContext): Promise<void> {
  await context.addInitScript(`{
    const Real = window.Notification;
    const seen = [];
    window.__notifications = seen;
    class Recording extends Real {
      constructor(title, options) {
        seen.push({ title, body: options && options.body });
        super(title, options);
      }
    }
    Object.defineProperty(Recording, "permission", { get: () => Real.permission });
    Object.defineProperty(Recording, "requestPermission", { value: () => Real.requestPermission() });
    window.Notification = Recording;
  }`);
}
