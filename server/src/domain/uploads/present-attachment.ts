import type { AttachmentDto } from "@contract/composer";
import type { outboundUploads } from "@server/db/schema/index";

export function presentAttachment(row: typeof outboundUploads.$inferSelect): AttachmentDto {
  return {
    id: row.id,
    filename: row.filename,
    mediaType: row.mediaType === "image" ? "image" : "document",
    contentType: row.contentType,
    size: row.size,
  };
}
