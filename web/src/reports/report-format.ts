/** Seconds as a short duration: 45 s, 12 min, 3.5 h, 2.1 d. */
export function duration(seconds: number | null): string {
  if (seconds === null) return "–";
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86_400) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} d`;
}
export const percent = (rate: number) => `${Math.round(rate * 1000) / 10} %`;

export const channelName = (channel: string) => (channel === "SMS" ? "SMS" : "WhatsApp");
