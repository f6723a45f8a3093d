import type { AcceptedMessage } from "./simulator-state";

// Interactive session messages (docs/gupshup-formats.md §1.4): a list (`items[].options[]`, at most
// 10 rows) or quick-reply buttons (`options[]`, at most 3), and the guest's tap on one of them.

type Json = Record<string, unknown>;
export type InteractiveChoice = { title: string; postbackText: string; description?: string; index: number };

/** Why Gupshup would refuse this list or quick reply, or undefined (other types are not checked here). */
export function invalidInteractive(message: Json): string | undefined {
  if (message.type === "list") {
    const rows = listRows(message);
    if (!Array.isArray(message.globalButtons) || message.globalButtons.length !== 1)
      return "Invalid Message: a list needs one globalButtons entry";
    if (rows.length < 1 || rows.length > 10) return "Invalid Message: a list takes 1 to 10 rows";
    if (rows.some((r) => r.title.length === 0 || r.title.length > 24))
      return "Invalid Message: list row titles take 1 to 24 characters";
  }
  if (message.type === "quick_reply") {
    const options = Array.isArray(message.options) ? message.options : [];
    if (options.length < 1 || options.length > 3) return "Invalid Message: quick replies take 1 to 3 options";
  }
  return undefined;
}

/** The rows of a list or the buttons of a quick reply the simulator accepted, in order. */
export function interactiveChoices(message: AcceptedMessage | undefined): InteractiveChoice[] {
  const content = message?.content;
  if (content?.type === "list") return listRows(content);
  if (content?.type === "quick_reply" && Array.isArray(content.options))
    return content.options.map((o: Json, index) => choice(o, index));
  return [];
}

function listRows(message: Json): InteractiveChoice[] {
  const sections = Array.isArray(message.items) ? (message.items as Json[]) : [];
  const options = sections.flatMap((s) => (Array.isArray(s.options) ? (s.options as Json[]) : []));
  return options.map((o, index) => choice(o, index));
}

function choice(option: Json, index: number): InteractiveChoice {
  const title = typeof option.title === "string" ? option.title : "";
  return {
    title,
    postbackText: typeof option.postbackText === "string" ? option.postbackText : title,
    ...(typeof option.description === "string" ? { description: option.description } : {}),
    index,
  };
}
