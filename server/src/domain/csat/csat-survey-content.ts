import type { OutboundInteractive } from "@server/domain/outbound/outbound-request";
import type { InboundContent } from "@server/providers/inbound-event";

// What the survey says on each channel, and how a guest's answer is read back.

const LABELS: Record<number, string> = { 5: "Excellent", 4: "Good", 3: "Okay", 2: "Poor", 1: "Very poor" };
const PAYLOAD_PREFIX = "csat-";

/**
 * WhatsApp allows at most three reply buttons, so the five ratings go out as a list (rows of at most
 * 24 characters, no emoji so Gupshup needs no `encode`). Each row's postback is `csat-<rating>`.
 */
export function csatSurveyList(surveyText: string): OutboundInteractive {
  return {
    type: "list",
    title: "Your feedback",
    body: surveyText,
    buttonLabel: "Rate us",
    sections: [
      {
        title: "Rating",
        rows: [5, 4, 3, 2, 1].map((n) => ({
          title: `${n} - ${LABELS[n]}`,
          payload: `${PAYLOAD_PREFIX}${n}`,
        })),
      },
    ],
  };
}

export function smsSurveyText(surveyText: string): string {
  return `${surveyText} Reply with a number from 1 (poor) to 5 (excellent).`;
}

/**
 * The rating a guest's message gives: a list row or button we sent (`csat-4`), a template button whose
 * label starts with the digit, or a bare digit 1–5 as text ("4", " 4. ", "4/5"). Anything else: none.
 */
export function readCsatRating(content: InboundContent): number | undefined {
  if (content.type === "reply") {
    const fromPayload = content.payload?.startsWith(PAYLOAD_PREFIX)
      ? content.payload.slice(PAYLOAD_PREFIX.length)
      : undefined;
    return digit(fromPayload) ?? digit(/^\s*([1-5])\b/.exec(content.title)?.[1]);
  }
  if (content.type === "text") return digit(/^\s*([1-5])\s*(?:\/\s*5)?\s*[.!]?\s*$/.exec(content.text)?.[1]);
  return undefined;
}

function digit(value: string | undefined): number | undefined {
  if (!value || !/^[1-5]$/.test(value)) return undefined;
  return Number(value);
}
