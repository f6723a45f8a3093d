import type { MessageItem } from "@contract/timeline";
import type { z } from "zod";
import { actorName } from "./describe-event";
import "./message-sender.css";

type Sender = NonNullable<z.infer<typeof MessageItem>["sender"]>;

/** Who sent an outbound message: "Ravi Kumar", "API: PMS bridge", or "automatic" for the hub's own sends. */
export function MessageSender({ sender }: { sender: Sender }) {
  return (
    <span className="bubble-sender" data-testid="message-sender">
      {actorName(sender) ?? "automatic"}
    </span>
  );
}
