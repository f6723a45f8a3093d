import type { ErrorCode, ErrorResponse } from "@contract/errors";
import { AppError } from "@server/errors";
import type { App } from "@server/http/app";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  INVALID_PHONE: 400,
  MESSAGE_TOO_LONG: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  NOT_RETRYABLE: 409,
  NEXT_STEP_UNAVAILABLE: 409,
  CONTACT_OPTED_OUT: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  SESSION_WINDOW_CLOSED: 422,
  TEMPLATE_INVALID: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  PROVIDER_DISABLED: 503,
  SERVICE_UNAVAILABLE: 503,
  UNKNOWN_VARIABLE: 422,
};

function statusForCode(code: ErrorCode): number {
  return STATUS_BY_CODE[code];
}

export function sendError(
  reply: FastifyReply,
  code: ErrorCode,
  message: string,
  details?: Record<string, unknown>,
): FastifyReply {
  const body: ErrorResponse = { error: { code, message, requestId: reply.request.id, details } };
  return reply.code(statusForCode(code)).type("application/json").send(body);
}

/** Maps every thrown error to `{ error: { code, message, requestId } }`; 5xx messages are never leaked. */
export function registerErrorHandler(app: App): void {
  app.setErrorHandler((err: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof AppError) {
      const retryAfter = err.details?.retryAfterSeconds;
      if (err.code === "RATE_LIMITED" && typeof retryAfter === "number")
        reply.header("retry-after", retryAfter);
      return sendError(reply, err.code, err.message, err.details);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => {
        const field = [err.validationContext, ...fieldPath(v.instancePath)].filter(Boolean).join(".");
        return { field, message: v.message ?? "is invalid" };
      });
      const first = issues[0];
      return sendError(
        reply,
        "VALIDATION_FAILED",
        first ? `${first.field}: ${first.message}` : "invalid request",
        {
          issues,
        },
      );
    }
    const fastifyCode = (err as FastifyError).code;
    if (fastifyCode === "FST_ERR_CTP_BODY_TOO_LARGE") {
      return sendError(reply, "PAYLOAD_TOO_LARGE", "request body is larger than the limit");
    }
    if (fastifyCode === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
      return sendError(reply, "UNSUPPORTED_MEDIA_TYPE", "unsupported Content-Type");
    }
    const status = (err as FastifyError).statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code: ErrorCode =
        status === 404 ? "NOT_FOUND" : status === 429 ? "RATE_LIMITED" : "VALIDATION_FAILED";
      return sendError(reply, code, err.message);
    }
    request.log.error({ err }, "unhandled error");
    return sendError(reply, "INTERNAL", "internal server error");
  });
}

function fieldPath(instancePath: string | undefined): string[] {
  return (instancePath ?? "").split("/").filter(Boolean);
}
