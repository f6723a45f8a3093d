// Screenshots of the communication hub on the demo data, for the README: `npm run screenshots`.
import { mkdirSync } from "node:fs";
import { projectPath } from "@server/project-path";
import { ADMIN, openThread, PHONE, signIn, startHub } from "../test/browser/hub-harness";

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
