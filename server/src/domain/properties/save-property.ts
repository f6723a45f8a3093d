import type { CreatePropertyBody, UpdatePropertyBody } from "@contract/properties";
import type { Ctx } from "@server/context";
import { properties } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { requireRole } from "@server/domain/access/property-scope";
import { drainPropertyQueue } from "@server/domain/assignment/drain-property-queue";
import { recordAudit } from "@server/domain/audit/record-audit";
import { normalizePhone } from "@server/domain/contacts/normalize-phone";
import { conflict, notFound } from "@server/errors";
import { and, eq, ne, or } from "drizzle-orm";
import type { Property } from "./list-properties";

/**
 * Creates a property (no `propertyId`) or updates one. Admins only. The WhatsApp number is stored
 * normalized; code and number must be unique (CONFLICT); marking a property default unmarks the others.
 */
export async function saveProperty(
  ctx: Ctx,
  input: { propertyId?: number; values: CreatePropertyBody | UpdatePropertyBody },
): Promise<Property> {
  requireRole(ctx, "ADMIN");
  const { values } = input;
  const whatsappNumber =
    values.whatsappNumber === undefined
      ? undefined
      : values.whatsappNumber === null
        ? null
        : normalizePhone(values.whatsappNumber, ctx.config.defaultCountry);
  const code = "code" in values ? values.code : undefined;
  return withTransaction(ctx, async (tx) => {
    const clash = await tx.db
      .select()
      .from(properties)
      .where(
        and(
          or(
            code ? eq(properties.code, code) : undefined,
            whatsappNumber ? eq(properties.whatsappNumber, whatsappNumber) : undefined,
          ),
          input.propertyId ? ne(properties.id, input.propertyId) : undefined,
        ),
      );
    if ((code || whatsappNumber) && clash.length)
      throw conflict("another property has this code or WhatsApp number", { propertyId: clash[0]?.id });
    if (values.isDefault)
      await tx.db.update(properties).set({ isDefault: false }).where(eq(properties.isDefault, true));
    const fields = { ...values, whatsappNumber, updatedAt: tx.now() };
    const [row] = input.propertyId
      ? await tx.db.update(properties).set(fields).where(eq(properties.id, input.propertyId)).returning()
      : await tx.db
          .insert(properties)
          .values({ ...fields, code: code ?? "", name: values.name ?? "", createdAt: tx.now() })
          .returning();
    if (!row) throw notFound("property", input.propertyId ?? "");
    if (input.propertyId) await drainPropertyQueue(tx, { propertyId: row.id });
    await recordAudit(tx, {
      action: input.propertyId ? "property.updated" : "property.created",
      targetType: "property",
      targetId: row.id,
      propertyId: row.id,
      details: { fields: Object.keys(values) },
    });
    return row;
  });
}
