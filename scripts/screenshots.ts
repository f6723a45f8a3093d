// Screenshots of the communication hub on the demo data, for the README: `npm run screenshots`.
import { mkdirSync } from "node:fs";
import { projectPath } from "@server/project-path";
import { ADMIN, openThread, PHONE, signIn, startHub } from "../test/browser/hub-harness";

// A 1×1 PNG: what a desk attaches in the composer screenshot.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);
const out = (name: string) => projectPath(`docs/screenshots/${name}.png`);
mkdirSync(projectPath("docs/screenshots"), { recursive: true });

const hub = await startHub();
try {
  const page = await signIn(hub, ADMIN);
  await page.getByRole("button", { name: /^Priya Iyer/ }).waitFor();
  await page.screenshot({ path: out("inbox") });

  await openThread(page, "Priya Iyer");
  await page.getByText("Prefers an upper pod").waitFor();
  // Opening the thread reads it; wait for the inbox to say so.
  await page
    .getByRole("button", { name: /^Priya Iyer/ })
    .getByTestId("unread-count")
    .waitFor({ state: "detached" });
  await page.mouse.move(0, 0);
  await page.screenshot({ path: out("thread") });

  await openThread(page, "Ananya Das");
  await page.getByTestId("template-picker").locator("select").selectOption({ index: 1 });
  const params = ["Ananya", "DEMO-1006", "Pod & Beyond Bengaluru", "2 December"];
  for (const [i, value] of params.entries()) await page.getByLabel(`Template parameter ${i + 1}`).fill(value);
  await page.getByTestId("template-preview").waitFor();
  await page.screenshot({ path: out("template-composer") });

  // A reply with a photo attached (kept as a draft until sent), and the sender's name on bubbles.
  await openThread(page, "Priya Iyer");
  await page
    .getByTestId("attachment-input")
    .setInputFiles({ name: "room-204.png", mimeType: "image/png", buffer: PNG });
  await page.getByTestId("attachment-chip").filter({ hasText: "room-204.png" }).waitFor();
  await page.getByLabel("Message", { exact: true }).fill("Your room is ready: this is the view.");
  await page.screenshot({ path: out("composer-attachment") });

  await page.getByRole("button", { name: "New conversation" }).click();
  const dialog = page.getByRole("dialog", { name: "New conversation" });
  await dialog.getByText("New number").click();
  await dialog.getByLabel("Phone number").fill("098450 77777");
  await dialog.getByText("Will message +91 98450 77777").waitFor();
  await dialog.getByLabel("Name (optional)").fill("Zoya Khan");
  await page.screenshot({ path: out("new-conversation") });
  await page.keyboard.press("Escape");

  await page.goto(`${hub.url}/admin/api-keys`);
  await page.getByRole("heading", { name: "API keys", level: 1 }).waitFor();
  await page.screenshot({ path: out("admin-api-keys") });

  // A property's own settings: its weekly hours, closures and the out-of-hours reply.
  await page.goto(`${hub.url}/admin/properties`);
  const goa = page.getByRole("listitem").filter({ hasText: "Pod & Beyond Goa" });
  await goa.getByText("Business hours & auto-reply").click();
  await goa.getByLabel(/^Keep business hours/).check();
  await goa.getByRole("form", { name: /^Business hours of/ }).screenshot({ path: out("property-settings") });

  await page.goto(`${hub.url}/admin/reports`);
  await page.getByRole("heading", { name: "Reports", level: 1 }).waitFor();
  await page.screenshot({ path: out("reports") });

  // The thread's secondary actions sit in one menu so that the timeline keeps its height.
  await page.goto(hub.url);
  await openThread(page, "Priya Iyer");
  await page.getByRole("button", { name: "More actions" }).click();
  await page.getByRole("menu").waitFor();
  await page.screenshot({ path: out("thread-more-actions") });
  await page.context().close();

  // The same on a phone: one column at a time, the guest's details as a sheet.
  const phone = await signIn(hub, ADMIN, undefined, undefined, PHONE);
  await phone.getByRole("button", { name: /^Priya Iyer/ }).waitFor();
  await phone.screenshot({ path: out("phone-inbox") });
  await openThread(phone, "Priya Iyer");
  await phone.getByText("Prefers an upper pod").waitFor();
  await phone.screenshot({ path: out("phone-thread") });
  await phone.getByRole("button", { name: "Details" }).click();
  await phone.getByRole("dialog", { name: "Guest details" }).getByText("DEMO-1002").waitFor();
  await phone.screenshot({ path: out("phone-details") });
  console.log("screenshots written to docs/screenshots/");
} finally {
  await hub.stop();
}
