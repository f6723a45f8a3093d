import { describe, expect, it } from "vitest";
import { WHATSAPP_WINDOW_MS, whatsappWindow } from "./whatsapp-window";

describe(whatsappWindow.name, () => {
  const inbound = new Date("2026-03-01T10:00:00.000Z");
  const later = (ms: number) => new Date(inbound.getTime() + ms);

  it("is open for 24 hours after the guest's latest WhatsApp message and closed from then on", () => {
    expect(WHATSAPP_WINDOW_MS).toBe(24 * 3_600_000);
    expect(whatsappWindow(inbound, later(0))).toEqual({ open: true, expiresAt: "2026-03-02T10:00:00.000Z" });
    expect(whatsappWindow(inbound, later(WHATSAPP_WINDOW_MS - 1)).open).toBe(true);
    expect(whatsappWindow(inbound, later(WHATSAPP_WINDOW_MS)).open).toBe(false);
    expect(whatsappWindow(inbound, later(30 * 3_600_000))).toEqual({
      open: false,
      expiresAt: "2026-03-02T10:00:00.000Z",
    });
  });

  it("is closed, with no expiry, for a guest who never wrote on WhatsApp", () => {
    expect(whatsappWindow(null, inbound)).toEqual({ open: false, expiresAt: null });
  });
});
