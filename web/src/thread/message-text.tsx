import { Fragment, type ReactNode } from "react";
import { parseMessageText, type TextPart } from "./whatsapp-format";

/** A message's text with WhatsApp formatting and links, built as React elements (never innerHTML). */
export function MessageText({ text }: { text: string }) {
  return <p className="bubble-text">{renderParts(parseMessageText(text))}</p>;
}

function renderParts(parts: TextPart[]): ReactNode {
  return parts.map((part, i) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: parts are recomputed from the same text, so position is their identity
    <Fragment key={i}>{renderPart(part)}</Fragment>
  ));
}

function renderPart(part: TextPart): ReactNode {
  switch (part.kind) {
    case "text":
      return part.text;
    case "link":
      return (
        <a href={part.href} target="_blank" rel="noopener noreferrer" referrerPolicy="no-referrer">
          {part.text}
        </a>
      );
    case "bold":
      return <strong>{renderParts(part.parts)}</strong>;
    case "italic":
      return <em>{renderParts(part.parts)}</em>;
    case "strike":
      return <s>{renderParts(part.parts)}</s>;
    case "mono":
      return <code className="bubble-mono">{part.text}</code>;
  }
}
