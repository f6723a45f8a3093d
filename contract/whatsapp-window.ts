import type { WhatsappWindow } from "./threads";

// WhatsApp's customer-service window, which the server enforces on a free-form send and shows on every
// thread. No zod here (a type import only): the web may import this module cheaply.

/** A guest's WhatsApp message opens a 24-hour window for free-form replies; after it, templates only. */
export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Where the window stands at `now`, given the guest's latest WhatsApp message (none: never opened). */
export function whatsappWindow(lastWhatsappInboundAt: Date | null, now: Date): WhatsappWindow {
  if (!lastWhatsappInboundAt) return { open: false, expiresAt: null };
  const expiresAt = new Date(lastWhatsappInboundAt.getTime() + WHATSAPP_WINDOW_MS);
  return { open: expiresAt.getTime() > now.getTime(), expiresAt: expiresAt.toISOString() };
}
