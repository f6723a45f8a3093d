import { ErrorResponse } from "@contract/errors";
import { LabelListResponse, LabelResponse } from "@contract/labels";
import { ThreadListResponse, ThreadResponse } from "@contract/threads";
import { TimelineResponse } from "@contract/timeline";
import { realtimeEvents } from "@server/db/schema/index";
import { addDemoMessage } from "@server/domain/demo/add-demo-message";
import { createProperty } from "@test/factories";
import { apiKeyHeaders, buildTestApp, type TestApp } from "@test/test-app";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
type Headers = { authorization: string };
let admin: Headers;
let goaManager: Headers;
let goaAgent: Headers;
let puneAgent: Headers;
const ids = {} as Record<"goa" | "pune" | "asha" | "bala" | "chen" | "puneThread", number>;
const t0 = new Date(Date.now() - 60 * 60_000);
const at = (m: number) => new Date(t0.getTime() + m * 60_000);

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  ids.goa = (await createProperty(db, { code: "GOA", isDefault: true, whatsappNumber: "917000000001" })).id;
  ids.pune = (await createProperty(db, { code: "PUNE", whatsappNumber: "917000000002" })).id;
  admin = await apiKeyHeaders(t, "ADMIN");
  goaManager = await apiKeyHeaders(t, "MANAGER", ["GOA"]);
  goaAgent = await apiKeyHeaders(t, "AGENT", ["GOA"]);
  puneAgent = await apiKeyHeaders(t, "AGENT", ["PUNE"]);
  const ctx = t.ctx();
  const msg = async (phone: string, m: number, name: string, receivingNumber = "917000000001") =>
    (
      await addDemoMessage(ctx, {
        phone,
        channel: "WHATSAPP",
        direction: "INBOUND",
        text: `hello from ${name}`,
        at: at(m),
        name,
        receivingNumber,
      })
    ).thread.id;
  ids.asha = await msg("919800000001", 1, "Asha");
  ids.bala = await msg("919800000002", 2, "Bala");
  ids.chen = await msg("919800000003", 3, "Chen");
  ids.puneThread = await msg("919800000004", 4, "Pune guest", "917000000002");
});
afterAll(() => t.close());

const inject = (
  method: "GET" | "POST" | "PATCH" | "DELETE",
  url: string,
  headers: Headers,
  payload?: object,
) => t.app.inject({ method, url, headers, payload });

async function createLabel(headers: Headers, propertyId: number, name: string, color = "blue") {
  const res = await inject("POST", "/api/labels", headers, { propertyId, name, color });
  expect(res.statusCode, res.body).toBe(201);
  return LabelResponse.parse(res.json()).label;
}
async function listIds(query: string, headers: Headers = admin) {
  const res = await inject("GET", `/api/threads${query}`, headers);
  expect(res.statusCode, res.body).toBe(200);
  return ThreadListResponse.parse(res.json()).threads.map((r) => r.id);
}

describe("labels", () => {
  it("are managed by managers and admins of the property, unique by name (ignoring case)", async () => {
    const vip = await createLabel(goaManager, ids.goa, "VIP", "purple");
    expect(vip).toMatchObject({ propertyId: ids.goa, name: "VIP", color: "purple" });

    const dup = await inject("POST", "/api/labels", admin, {
      propertyId: ids.goa,
      name: "vip",
      color: "red",
    });
    expect(dup.statusCode).toBe(409);
    expect(ErrorResponse.parse(dup.json()).error.code).toBe("CONFLICT");
    // The same name in another property is fine.
    await createLabel(admin, ids.pune, "VIP");

    const byAgent = await inject("POST", "/api/labels", goaAgent, {
      propertyId: ids.goa,
      name: "X",
      color: "red",
    });
    expect(byAgent.statusCode).toBe(403);
    const otherProperty = await inject("POST", "/api/labels", goaManager, {
      propertyId: ids.pune,
      name: "Mine",
      color: "red",
    });
    expect(otherProperty.statusCode).toBe(404);
    const badColour = await inject("POST", "/api/labels", admin, {
      propertyId: ids.goa,
      name: "Y",
      color: "#fff",
    });
    expect(badColour.statusCode).toBe(400);

    const renamed = await inject("PATCH", `/api/labels/${vip.id}`, goaManager, {
      name: "V.I.P.",
      color: "pink",
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(LabelResponse.parse(renamed.json()).label).toMatchObject({ name: "V.I.P.", color: "pink" });
    await inject("PATCH", `/api/labels/${vip.id}`, goaManager, { name: "VIP" });

    const agentList = LabelListResponse.parse((await inject("GET", "/api/labels", goaAgent)).json());
    expect(agentList.labels.map((l) => [l.propertyId, l.name])).toEqual([[ids.goa, "VIP"]]);
    const puneList = LabelListResponse.parse((await inject("GET", "/api/labels", puneAgent)).json());
    expect(puneList.labels.map((l) => l.propertyId)).toEqual([ids.pune]);
  });

  it("go on and off threads, as timeline and realtime events, only labels of the thread's property", async () => {
    const late = await createLabel(admin, ids.goa, "Late check-out", "teal");
    const puneLabel = (await createLabel(admin, ids.pune, "Parking")).id;

    const added = await inject("POST", `/api/threads/${ids.asha}/labels`, goaAgent, { labelId: late.id });
    expect(added.statusCode, added.body).toBe(200);
    expect(ThreadResponse.parse(added.json()).thread.labels).toEqual([
      { id: late.id, name: "Late check-out", color: "teal" },
    ]);
    // Adding it again changes nothing and records nothing.
    await inject("POST", `/api/threads/${ids.asha}/labels`, goaAgent, { labelId: late.id });

    const foreign = await inject("POST", `/api/threads/${ids.asha}/labels`, admin, { labelId: puneLabel });
    expect(foreign.statusCode).toBe(400);
    expect(ErrorResponse.parse(foreign.json()).error.code).toBe("VALIDATION_FAILED");
    // An agent of another property learns nothing about the thread, nor about the label.
    const outsider = await inject("POST", `/api/threads/${ids.asha}/labels`, puneAgent, { labelId: late.id });
    expect(outsider.statusCode).toBe(404);
    const outsiderLabel = await inject("POST", `/api/threads/${ids.puneThread}/labels`, puneAgent, {
      labelId: late.id,
    });
    expect(outsiderLabel.statusCode).toBe(404);

    const removed = await inject("DELETE", `/api/threads/${ids.asha}/labels/${late.id}`, goaAgent);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(ThreadResponse.parse(removed.json()).thread.labels).toEqual([]);

    const timeline = TimelineResponse.parse(
      (await inject("GET", `/api/threads/${ids.asha}/timeline`, admin)).json(),
    );
    const labelEvents = timeline.items.flatMap((i) =>
      i.kind === "event" && i.type.startsWith("label_")
        ? [{ type: i.type, actor: i.actor.type, data: i.data }]
        : [],
    );
    expect(labelEvents).toEqual([
      {
        type: "label_added",
        actor: "API_KEY",
        data: { labelId: late.id, name: "Late check-out", color: "teal" },
      },
      {
        type: "label_removed",
        actor: "API_KEY",
        data: { labelId: late.id, name: "Late check-out", color: "teal" },
      },
    ]);

    const published = await t.database.db
      .select()
      .from(realtimeEvents)
      .where(and(eq(realtimeEvents.type, "thread.labels_changed"), eq(realtimeEvents.threadId, ids.asha)));
    expect(published.map((e) => [e.propertyId, e.payload])).toEqual([
      [ids.goa, { threadId: ids.asha, labels: [{ id: late.id, name: "Late check-out", color: "teal" }] }],
      [ids.goa, { threadId: ids.asha, labels: [] }],
    ]);
  });

  it("deleted, come off every thread", async () => {
    const temp = await createLabel(admin, ids.goa, "Temporary");
    await inject("POST", `/api/threads/${ids.bala}/labels`, admin, { labelId: temp.id });
    expect(await listIds(`?label=${temp.id}`)).toEqual([ids.bala]);
    expect((await inject("DELETE", `/api/labels/${temp.id}`, goaAgent)).statusCode).toBe(403);
    expect((await inject("DELETE", `/api/labels/${temp.id}`, goaManager)).statusCode).toBe(204);
    const res = await inject("GET", `/api/threads/${ids.bala}`, admin);
    expect(res.json().thread.labels).toEqual([]);
    expect(await listIds(`?label=${temp.id}`)).toEqual([]);
  });
});

describe("priority", () => {
  it("is set from the thread, recorded on the timeline and published; filters and sorts the inbox", async () => {
    expect(await listIds("?priority=none")).toEqual([ids.puneThread, ids.chen, ids.bala, ids.asha]);
    const set = async (id: number, priority: string, headers: Headers = goaAgent) => {
      const res = await inject("POST", `/api/threads/${id}/priority`, headers, { priority });
      expect(res.statusCode, res.body).toBe(200);
      return ThreadResponse.parse(res.json()).thread;
    };
    expect((await set(ids.asha, "urgent")).priority).toBe("urgent");
    await set(ids.bala, "low");
    await set(ids.chen, "high");
    await set(ids.chen, "high");

    expect(
      (await inject("POST", `/api/threads/${ids.asha}/priority`, puneAgent, { priority: "low" })).statusCode,
    ).toBe(404);
    expect(
      (await inject("POST", `/api/threads/${ids.asha}/priority`, admin, { priority: "p1" })).statusCode,
    ).toBe(400);

    expect(await listIds("?priority=high,urgent")).toEqual([ids.chen, ids.asha]);
    expect(await listIds("?sort=priority")).toEqual([ids.asha, ids.chen, ids.bala, ids.puneThread]);
    expect(await listIds("?sort=priority", puneAgent)).toEqual([ids.puneThread]);

    // Paging through the priority order with its cursor walks every thread once.
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const res = await inject(
        "GET",
        `/api/threads?sort=priority&limit=1${cursor ? `&cursor=${cursor}` : ""}`,
        admin,
      );
      const page = ThreadListResponse.parse(res.json());
      seen.push(...page.threads.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([ids.asha, ids.chen, ids.bala, ids.puneThread]);

    const timeline = TimelineResponse.parse(
      (await inject("GET", `/api/threads/${ids.chen}/timeline`, admin)).json(),
    );
    const events = timeline.items.filter((i) => i.kind === "event" && i.type === "priority_changed");
    expect(events.map((e) => e.kind === "event" && e.data)).toEqual([{ from: "none", to: "high" }]);

    const published = await t.database.db
      .select()
      .from(realtimeEvents)
      .where(and(eq(realtimeEvents.type, "thread.priority_changed"), eq(realtimeEvents.threadId, ids.chen)));
    expect(published.map((e) => e.payload)).toEqual([{ threadId: ids.chen, priority: "high" }]);
  });

  it("combines with the label filter", async () => {
    const vip = LabelListResponse.parse(
      (await inject("GET", `/api/labels?propertyId=${ids.goa}`, admin)).json(),
    ).labels.find((l) => l.name === "VIP");
    if (!vip) throw new Error("VIP label missing");
    await inject("POST", `/api/threads/${ids.chen}/labels`, admin, { labelId: vip.id });
    await inject("POST", `/api/threads/${ids.bala}/labels`, admin, { labelId: vip.id });
    expect(await listIds(`?label=${vip.id}`)).toEqual([ids.chen, ids.bala]);
    expect(await listIds(`?label=${vip.id}&priority=high`)).toEqual([ids.chen]);
    expect(await listIds(`?label=${vip.id}`, puneAgent)).toEqual([]);
    expect((await inject("GET", "/api/threads?priority=critical", admin)).statusCode).toBe(400);
  });
});
