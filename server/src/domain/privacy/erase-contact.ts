import type { Ctx } from "@server/context";
import { lockAdvisory } from "@server/db/advisory-lock";
import { queryRows } from "@server/db/query-rows";
import { withTransaction } from "@server/db/transaction";
import { requireRole } from "@server/domain/access/property-scope";
import { recordAudit } from "@server/domain/audit/record-audit";
import { getContact } from "@server/domain/contacts/get-contact";
import type { MediaStore } from "@server/domain/media/media-store";
import { publishEvent } from "@server/domain/realtime/publish-event";
import { type SQL, sql } from "drizzle-orm";
import { deleteGuestMedia } from "./guest-media";
import { findGuestScope, idList } from "./guest-scope";

/** What stands in for a personal value in a column that cannot be null. */
const ERASED = "erased";

export type ErasureResult = {
  contactId: number;
  contacts: number;
  threads: number;
  messages: number;
  mediaFiles: number;
};

/**
 * Erases a guest for good: message bodies, attachments and personal fields of the contact (and the
 * duplicates merged into it) are deleted or overwritten in every table; raw webhook bodies, job
 * payloads, realtime events and audit details that mention the guest are cleared. Threads and messages
 * stay as anonymous rows so reports still count them; provider ids stay so a redelivered callback is
 * still recognised as a duplicate. One audit entry records who erased which contact id. Admins only.
 */
export async function eraseContact(ctx: Ctx, store: MediaStore, contactId: number): Promise<ErasureResult> {
  requireRole(ctx, "ADMIN");
  const { result, mediaPaths } = await withTransaction(ctx, async (tx) => {
    await lockAdvisory(tx, "contact", contactId);
    const contact = await getContact(tx, contactId);
    const scope = await findGuestScope(tx, contact.id);
    const contactsIn = idList(scope.contactIds);
    const threadsIn = idList(scope.threadIds);
    const messagesIn = idList(scope.messageIds);
    const needles = await collectNeedles(tx, contactsIn, messagesIn);
    const phones = needles.phones;
    const personal = [...needles.phones, ...needles.emails, ...needles.names];
    const mentions = (column: SQL) => mentionsAny(column, personal);

    // Received attachments, and files staff uploaded to send to the guest (sent or not).
    const media = await queryRows<{ path: string }>(
      tx.db,
      sql`select media_storage_path as path from message_logs
          where id in (${messagesIn}) and media_storage_path is not null
        union select storage_key from outbound_uploads where thread_id in (${threadsIn})`,
    );

    const run = (query: SQL) => tx.db.execute(query);
    await run(sql`update message_logs set phone = ${ERASED}, message = null, template_params = null,
        metadata = null, error_message = null, provider_error_text = null, request_hash = null,
        media_type = null, media_url = null, media_caption = null, media_filename = null,
        media_mime_type = null, media_status = null, media_storage_path = null, media_size = null
      where id in (${messagesIn})`);
    await run(sql`update message_status_events set recipient_phone = null, raw = null, error_reason = null
      where message_id in (${messagesIn}) or recipient_phone in (${textList(phones)})`);
    await run(sql`update send_attempts set error = null where message_id in (${messagesIn})`);
    await run(sql`update threads set subject = null, last_preview = null where id in (${threadsIn})`);
    await run(sql`update thread_notes set body = ${ERASED} where thread_id in (${threadsIn})`);
    await run(sql`update csat_surveys set comment = null where thread_id in (${threadsIn})`);
    await run(
      sql`update thread_events set data = data - 'comment' where thread_id in (${threadsIn}) and type = 'csat_rated'`,
    );
    await run(sql`delete from composer_drafts where thread_id in (${threadsIn})`);
    await run(sql`delete from outbound_uploads where thread_id in (${threadsIn})`);
    await run(
      sql`update thread_events set data = null where thread_id in (${threadsIn}) and ${mentions(sql`data::text`)}`,
    );
    await run(sql`update call_logs set phone = ${ERASED}, from_number = null, to_number = null,
        recording_url = null, metadata = null
      where contact_id in (${contactsIn}) or thread_id in (${threadsIn})`);
    await run(sql`update email_messages set
        from_email = case when direction = 'INBOUND' then ${ERASED} else from_email end,
        to_email = case when direction = 'OUTBOUND' then ${ERASED} else to_email end,
        from_name = null, subject = null, body = null
      where contact_id in (${contactsIn}) or thread_id in (${threadsIn})`);
    await run(sql`update bookings set guest_name = null, phone = null, email = null
      where contact_id in (${contactsIn})`);
    await run(sql`update contacts set phone = null, name = null, email = null, whatsapp_unreachable_at = null,
        metadata = ${JSON.stringify({ erasedAt: tx.now().toISOString() })}::jsonb, updated_at = ${tx.now()}
      where id in (${contactsIn})`);

    // Stored callbacks are kept (their dedupe keys stop a redelivery from recreating the guest) but their
    // bodies go; a parked one can no longer be replayed, so it is closed.
    const providerIds = needles.providerIds;
    await run(sql`update webhook_events set raw_body = '', body_encoding = 'utf8', query = null, headers = null,
        last_error = null, status = case when status = 'PROCESSED' then status else 'IGNORED' end,
        dedupe_key = ${replaceAll(sql`dedupe_key`, phones)}
      where ${mentionsAny(sql`raw_body || ' ' || coalesce(query, '')`, [...personal, ...providerIds])}`);
    await run(sql`delete from jobs where status <> 'ACTIVE' and ${mentions(sql`payload::text`)}`);
    await run(
      sql`update jobs set payload = '{}'::jsonb where status = 'ACTIVE' and ${mentions(sql`payload::text`)}`,
    );
    await run(sql`delete from realtime_events
      where thread_id in (${threadsIn}) or ${mentions(sql`payload::text`)}`);
    await run(sql`update audit_logs set details = null where ${mentions(sql`details::text`)}`);

    const result: ErasureResult = {
      contactId: contact.id,
      contacts: scope.contactIds.length,
      threads: scope.threadIds.length,
      messages: scope.messageIds.length,
      mediaFiles: media.length,
    };
    const { contactId: _, ...counts } = result;
    await recordAudit(tx, {
      action: "contact.erased",
      targetType: "contact",
      targetId: contact.id,
      details: counts,
    });
    await publishEvent(tx, {
      type: "contact.updated",
      propertyId: null,
      payload: { contactId: contact.id, erased: true },
    });
    return { result, mediaPaths: media.map((m) => m.path) };
  });
  // After the commit: a rollback must not have deleted files its rows still point to.
  for (const path of mediaPaths) await deleteGuestMedia(store, path);
  return result;
}

type Needles = { phones: string[]; emails: string[]; names: string[]; providerIds: string[] };

/** The guest's identifying values as they appear in free text: phones, emails, names, provider ids. */
async function collectNeedles(ctx: Ctx, contactsIn: SQL, messagesIn: SQL): Promise<Needles> {
  const rows = await queryRows<{ kind: string; value: string | null }>(
    ctx.db,
    sql`select 'phone' as kind, phone as value from contacts where id in (${contactsIn})
      union select 'email', email from contacts where id in (${contactsIn})
      union select 'name', name from contacts where id in (${contactsIn})
      union select 'phone', phone from message_logs where id in (${messagesIn})
      union select 'phone', phone from call_logs where contact_id in (${contactsIn})
      union select 'phone', phone from bookings where contact_id in (${contactsIn})
      union select 'email', email from bookings where contact_id in (${contactsIn})
      union select 'name', guest_name from bookings where contact_id in (${contactsIn})
      union select 'email', from_email from email_messages where contact_id in (${contactsIn}) and direction = 'INBOUND'
      union select 'email', to_email from email_messages where contact_id in (${contactsIn}) and direction = 'OUTBOUND'
      union select 'name', from_name from email_messages where contact_id in (${contactsIn}) and direction = 'INBOUND'
      union select 'id', provider_message_id from message_logs where id in (${messagesIn})
      union select 'id', whatsapp_message_id from message_logs where id in (${messagesIn})`,
  );
  const pick = (kind: string, min: number) => [
    ...new Set(
      rows
        .filter((r) => r.kind === kind && r.value && r.value.trim().length >= min && r.value !== ERASED)
        .map((r) => (r.value as string).trim()),
    ),
  ];
  // A very short name ("Al") would match unrelated text everywhere; the phone and email find those rows.
  return {
    phones: pick("phone", 6),
    emails: pick("email", 3),
    names: pick("name", 4),
    providerIds: pick("id", 6),
  };
}

/** Whether the text contains any needle (case-insensitive, no pattern characters). */
function mentionsAny(text: SQL, needles: string[]): SQL {
  if (needles.length === 0) return sql`false`;
  return sql`(${sql.join(
    needles.map((n) => sql`strpos(lower(${text}), lower(${n})) > 0`),
    sql` or `,
  )})`;
}

function textList(values: string[]): SQL {
  return values.length
    ? sql.join(
        values.map((v) => sql`${v}`),
        sql`, `,
      )
    : sql`null`;
}

function replaceAll(column: SQL, needles: string[]): SQL {
  return needles.reduce((acc, needle) => sql`replace(${acc}, ${needle}, ${ERASED})`, column);
}
