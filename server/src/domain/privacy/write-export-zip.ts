import { Readable } from "node:stream";
import { Zip, ZipDeflate, ZipPassThrough } from "fflate";
import type { ContactExport } from "./export-contact-data";

/**
 * Streams an export as a zip: contact.json (deflated) and the attachments (stored as they are: photos
 * and audio are compressed already), one file in memory at a time.
 */
export function writeExportZip(data: ContactExport): Readable {
  let failed = false;
  const out = new Readable({ read() {} });
  const zip = new Zip((err, chunk, final) => {
    if (err) {
      failed = true;
      out.destroy(err);
      return;
    }
    out.push(Buffer.from(chunk));
    if (final) out.push(null);
  });
  void (async () => {
    try {
      const json = new ZipDeflate("contact.json", { level: 6 });
      zip.add(json);
      json.push(new TextEncoder().encode(JSON.stringify(data.document, null, 2)), true);
      for (const file of data.media) {
        const bytes = await file.read();
        if (!bytes || failed) continue;
        const entry = new ZipPassThrough(file.name);
        zip.add(entry);
        entry.push(bytes, true);
      }
      zip.end();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  return out;
}
