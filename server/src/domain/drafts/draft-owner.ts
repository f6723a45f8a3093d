import type { Ctx } from "@server/context";
import { AppError } from "@server/errors";

/** Drafts belong to a person: the signed-in staff member's id, or FORBIDDEN for an API key. */
export function draftOwner(ctx: Ctx): number {
  if (ctx.actor.type !== "staff")
    throw new AppError("FORBIDDEN", "drafts belong to a signed-in staff member; an API key has none");
  return ctx.actor.staffUserId;
}
