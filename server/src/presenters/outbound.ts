import type { MessageDetailResponse, TemplateDto } from "@contract/outbound";
import type { getMessageDetail } from "@server/domain/outbound/get-message-detail";
import type { Template } from "@server/domain/outbound/resolve-template";
import { presentMessage } from "@server/presenters/message";

type Detail = Awaited<ReturnType<typeof getMessageDetail>>;

export function presentMessageDetail(detail: Detail, smsAvailable?: boolean): MessageDetailResponse {
  return {
    message: presentMessage(detail.message, { quoted: detail.quoted, smsAvailable }),
    attempts: detail.attempts.map((a) => ({
      attemptNo: a.attemptNo,
      outcome: a.outcome,
      httpStatus: a.httpStatus,
      providerCode: a.providerCode,
      error: a.error,
      durationMs: a.durationMs,
      startedAt: a.startedAt.toISOString(),
      finishedAt: a.finishedAt?.toISOString() ?? null,
    })),
    statusHistory: detail.statusHistory.map((e) => ({
      status: e.status,
      providerStatus: e.providerStatus,
      occurredAt: e.occurredAt?.toISOString() ?? null,
      receivedAt: e.createdAt.toISOString(),
      errorCode: e.errorCode,
      errorReason: e.errorReason,
    })),
    retries: detail.retries.map((r) => ({ at: r.at.toISOString(), actor: r.actor })),
  };
}

export function presentTemplate(t: Template): TemplateDto {
  return {
    id: t.id,
    providerTemplateId: t.providerTemplateId,
    name: t.name,
    language: t.language,
    category: t.category,
    body: t.body,
    paramCount: t.paramCount,
    headerType: t.headerType,
    status: t.status,
    channel: t.channel,
  };
}
