import { describe, expect, it } from "vitest";
import { describeRetries, describeSteps, tickSteps } from "./tick-history";

const base = {
  at: "2026-03-01T10:00:00.000Z",
  sentAt: null,
  deliveredAt: null,
  readAt: null,
  failedAt: null,
};

describe("tickSteps", () => {
  it("takes each step's time from the message's own timestamps", () => {
    const steps = tickSteps({
      ...base,
      status: "READ",
      sentAt: "2026-03-01T10:00:01.000Z",
      deliveredAt: "2026-03-01T10:00:02.000Z",
      readAt: "2026-03-01T10:05:00.000Z",
    });
    expect(steps.map((s) => s.status)).toEqual(["PENDING", "SENT", "DELIVERED", "READ"]);
    expect(steps[3]?.at).toBe("2026-03-01T10:05:00.000Z");
  });

  it("prefers the earliest time from the status history, and implies skipped steps without a time", () => {
    const history = [
      {
        status: "READ" as const,
        providerStatus: "read",
        occurredAt: "2026-03-01T10:04:00.000Z",
        receivedAt: "2026-03-01T10:04:01.000Z",
        errorCode: null,
        errorReason: null,
      },
    ];
    const steps = tickSteps({ ...base, status: "READ", readAt: "2026-03-01T10:04:01.000Z" }, history);
    expect(steps.find((s) => s.status === "READ")?.at).toBe("2026-03-01T10:04:00.000Z");
    expect(steps.find((s) => s.status === "DELIVERED")?.at).toBeNull();
  });

  it("ends a failed message's steps with FAILED after what it did reach", () => {
    const steps = tickSteps({
      ...base,
      status: "FAILED",
      sentAt: "2026-03-01T10:00:01.000Z",
      failedAt: "2026-03-01T10:00:03.000Z",
    });
    expect(steps.map((s) => s.status)).toEqual(["PENDING", "SENT", "FAILED"]);
    expect(describeSteps(steps, (iso) => iso.slice(11, 19))).toBe(
      "Pending 10:00:00 · Sent 10:00:01 · Failed 10:00:03",
    );
  });
});

describe("describeRetries", () => {
  it("names who sent a failed message again, or says the hub did", () => {
    const at = "2026-03-01T10:03:00.000Z";
    const retries = [
      { at, actor: { type: "STAFF" as const, id: 3, name: "Ravi Kumar" } },
      { at, actor: { type: "SYSTEM" as const, id: null, name: null } },
    ];
    expect(
      describeRetries(
        retries,
        () => "10:03",
        (a) => a.name,
      ),
    ).toEqual(["Retried by Ravi Kumar 10:03", "Retried automatically 10:03"]);
  });
});
