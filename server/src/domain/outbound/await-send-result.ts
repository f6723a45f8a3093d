import type { Ctx } from "@server/context";
import { messageLogs } from "@server/db/schema/index";
import { eq } from "drizzle-orm";
import type { MessageRow } from "./send-message";

const POLL_MS = 25;

/**
 * The fast path of a send request: waits up to `waitMs` for the send job's first answer (accepted,
 * refused, or unknown) and returns the message as it then is; a message still queued or retrying is
 * returned as it is when the time is up. Polls the row, so it works whichever worker sends. Never
 * throws: the message is already safely queued, so a failed look is answered with what is known.
 */
export async function awaitSendResult(ctx: Ctx, message: MessageRow, waitMs: number): Promise<MessageRow> {
  const deadline = Date.now() + waitMs;
  let current = message;
  while (!answered(current) && Date.now() < deadline) {
    await new Promise((resolve) =>
      setTimeout(resolve, Math.min(POLL_MS, Math.max(1, deadline - Date.now()))),
    );
    const [row] = await ctx.db
      .select()
      .from(messageLogs)
      .where(eq(messageLogs.id, message.id))
      .catch((err: unknown) => {
        ctx.log.warn({ err, messageId: message.id }, "fast path: could not read the message; answering 202");
        return [];
      });
    if (!row) return current;
    current = row;
  }
  return current;
}

/** The provider has answered (or the answer is known to be unknowable): the sender can be told. */
export function answered(row: MessageRow): boolean {
  return row.status !== "PENDING" || row.sendState === "UNKNOWN";
}
