import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  browserAvailable,
  DESKTOP,
  type Hub,
  openThread,
  PHONE,
  scrollsSideways,
  signIn,
  startHub,
} from "./hub-harness";

// One person on two devices (a desk and a phone, two sessions) with the same thread open: a draft typed
// on one appears on the other as a realtime event to that person alone, unless they are typing there.

let hub: Hub;
const AGENT = "ravi.goa@commhub.example";
const GUEST = { phone: "919845011601", name: "Draft Sync Guest" };

const box = (page: Page) => page.locator("#composer-input");
const serverDraftText = (page: Page, threadId: number) =>
  page.evaluate(
    async (id) =>
      (
        (await (await fetch(`/api/threads/${id}/drafts`)).json()) as {
          drafts: Array<{ body: { text: string } }>;
        }
      ).drafts[0]?.body.text ?? "",
    threadId,
  );

describe.skipIf(!browserAvailable())("drafts in sync between one person's devices", () => {
  beforeAll(async () => {
    hub = await startHub();
    await hub.simulator("/simulator/inbound", {
      from: GUEST.phone,
      name: GUEST.name,
      text: "Do you have parking?",
    });
  }, 300_000);
  afterAll(async () => {
    await hub?.stop();
  });

  it("a draft typed at the desk shows on the phone, not while the phone is typing", async () => {
    const desk = await signIn(hub, AGENT, undefined, undefined, DESKTOP);
    const phone = await signIn(hub, AGENT, undefined, undefined, PHONE);
    await desk.getByRole("button", { name: new RegExp(`^${GUEST.name}`) }).waitFor();
    await openThread(desk, GUEST.name);
    await openThread(phone, GUEST.name);
    const threadId = Number(new URL(desk.url()).searchParams.get("thread"));
    // The phone looks at the thread, its composer not in use.
    await phone.getByRole("log", { name: "Conversation timeline" }).click();

    await box(desk).fill("Yes, free parking behind the building");
    await expect.poll(() => box(phone).inputValue()).toBe("Yes, free parking behind the building");
    expect(await scrollsSideways(phone)).toBe(false);

    // Typing on the phone: the desk's next change is not pushed into the phone's box.
    await box(phone).focus();
    await box(desk).fill("Yes, parking is free for guests");
    await expect.poll(() => serverDraftText(desk, threadId)).toBe("Yes, parking is free for guests");
    expect(await box(phone).inputValue()).toBe("Yes, free parking behind the building");

    // Done typing there, the next change from the desk arrives again; emptying the draft empties it too.
    await box(phone).blur();
    await box(desk).fill("Yes, and it is covered");
    await expect.poll(() => box(phone).inputValue()).toBe("Yes, and it is covered");
    await box(desk).fill("");
    await expect.poll(() => box(phone).inputValue()).toBe("");
    await desk.context().close();
    await phone.context().close();
  }, 300_000);
});
