import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SimulatorHandle, startSimulator } from "./start-simulator";

// Gupshup's answers byte for byte where docs/gupshup-formats.md records them (§1.5, §1.6, §7.1).

let sim: SimulatorHandle;
beforeAll(async () => {
  sim = await startSimulator({ apiKey: "right-key", appName: "DemoApp", source: "917834811114" });
});
afterAll(() => sim.stop());

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const base = {
  channel: "whatsapp",
  source: "917834811114",
  destination: "919812345678",
  "src.name": "DemoApp",
};
const message = JSON.stringify({ type: "text", text: "hi" });

async function post(path: string, fields: Record<string, string>, apikey = "right-key") {
  const res = await fetch(`${sim.url}${path}`, {
    method: "POST",
    headers: { apikey, "content-type": "application/x-www-form-urlencoded" },
    body: form(fields),
  });
  return { status: res.status, type: res.headers.get("content-type"), body: await res.text() };
}

describe("simulator WhatsApp API", () => {
  it("answers 200 {status: submitted, messageId} declared as text/html, on /wa and the legacy /sm path", async () => {
    for (const path of ["/wa/api/v1/msg", "/sm/api/v1/msg"]) {
      const res = await post(path, { ...base, message });
      expect(res.status).toBe(200);
      expect(res.type).toMatch(/^text\/html/);
      expect(JSON.parse(res.body)).toEqual({
        status: "submitted",
        messageId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
    }
  });

  it("answers a wrong or missing key with 401 Authentication Failed", async () => {
    for (const key of ["wrong-key", ""]) {
      const res = await post("/wa/api/v1/msg", { ...base, message }, key);
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body)).toEqual({ status: "error", message: "Authentication Failed" });
    }
  });

  it("answers a src.name or source that is not its app with 400 Invalid App Details", async () => {
    for (const wrong of [{ "src.name": "OtherApp" }, { source: "919999999999" }]) {
      const res = await post("/wa/api/v1/msg", { ...base, ...wrong, message });
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body)).toEqual({ status: "error", message: "Invalid App Details" });
    }
  });

  it("answers a destination that is not digits with 400 Invalid Destination", async () => {
    for (const destination of ["+919812345678", "98-12", ""]) {
      const res = await post("/wa/api/v1/msg", { ...base, destination, message });
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body)).toEqual({ status: "error", message: "Invalid Destination" });
    }
  });

  it("refuses a message field that is not a JSON message object, and a malformed template", async () => {
    expect((await post("/wa/api/v1/msg", { ...base, message: "hello" })).status).toBe(400);
    expect((await post("/wa/api/v1/template/msg", { ...base, template: '{"params":[]}' })).status).toBe(400);
    const ok = await post("/wa/api/v1/template/msg", { ...base, template: '{"id":"t","params":[]}' });
    expect(ok.status).toBe(200);
  });

  it("lists templates for its app name only, with the key", async () => {
    const list = await fetch(`${sim.url}/sm/api/v1/template/list/DemoApp`, {
      headers: { apikey: "right-key" },
    });
    expect(list.status).toBe(200);
    const body = (await list.json()) as { status: string; templates: Array<Record<string, unknown>> };
    expect(body.status).toBe("success");
    expect(body.templates[0]).toMatchObject({ elementName: "booking_confirmation", status: "APPROVED" });
    const other = await fetch(`${sim.url}/sm/api/v1/template/list/Other`, {
      headers: { apikey: "right-key" },
    });
    expect(other.status).toBe(400);
    const unauth = await fetch(`${sim.url}/sm/api/v1/template/list/DemoApp`, { headers: { apikey: "nope" } });
    expect(unauth.status).toBe(401);
  });
});

describe("simulator Enterprise SMS API", () => {
  const sms = {
    method: "SendMessage",
    send_to: "919812345678",
    msg: "Hi",
    msg_type: "TEXT",
    userid: "2000100001",
    password: "simulator-password",
    auth_scheme: "plain",
    v: "1.1",
  };

  it("answers GET and POST, in text by default and JSON on request, errors as HTTP 200", async () => {
    const get = await fetch(`${sim.url}/GatewayAPI/rest?${form(sms)}`);
    expect(get.status).toBe(200);
    expect(await get.text()).toMatch(/^success \| 919812345678 \| \d{19}-\d{18}$/);
    const json = await fetch(`${sim.url}/GatewayAPI/rest`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form({ ...sms, format: "json" }),
    });
    expect(await json.json()).toEqual({
      response: {
        id: expect.stringMatching(/^\d{19}-\d{18}$/),
        phone: "919812345678",
        details: "",
        status: "success",
      },
    });
    const bad = await fetch(`${sim.url}/GatewayAPI/rest?${form({ ...sms, password: "x" })}`);
    expect(bad.status).toBe(200);
    expect(await bad.text()).toBe("error | 102 | Authentication failed due to invalid userId or password.");
    const badPhone = await fetch(`${sim.url}/GatewayAPI/rest?${form({ ...sms, send_to: "98765" })}`);
    expect(await badPhone.text()).toBe("error | 105 | The phone number 98765 is not a valid phone number.");
  });
});
