import { describe, expect, it } from "vitest";
import { describeCsatEvent } from "./describe-csat-event";

describe("describeCsatEvent", () => {
  it("says what the survey did and what the guest answered", () => {
    expect(describeCsatEvent("csat_rated", { rating: 4, comment: "Nice" })).toBe("Guest rated 4/5");
    expect(describeCsatEvent("csat_survey_sent", { kind: "interactive" })).toBe(
      "Satisfaction survey sent on WhatsApp",
    );
    expect(describeCsatEvent("csat_survey_sent", { kind: "sms" })).toBe("Satisfaction survey sent by SMS");
    expect(describeCsatEvent("csat_survey_skipped", { reason: "opted_out" })).toBe(
      "Satisfaction survey not sent: the guest opted out",
    );
    expect(describeCsatEvent("csat_survey_skipped", { reason: "some_new_reason" })).toBe(
      "Satisfaction survey not sent: some new reason",
    );
  });
});
