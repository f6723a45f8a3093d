import type { Ctx } from "@server/context";
import { outboundUploads } from "@server/db/schema/index";
import { eq } from "drizzle-orm";

/** The upload behind a public media URL (`<token>.<ext>`), or undefined: the token is the only key. */
export async function findUploadByToken(ctx: Ctx, file: string) {
  const match = /^([0-9a-f]{48})\.([a-z0-9]{1,5})$/.exec(file);
  if (!match) return undefined;
  const [row] = await ctx.db
    .select()
    .from(outboundUploads)
    .where(eq(outboundUploads.token, match[1] ?? ""));
  return row && row.extension === match[2] ? row : undefined;
}
