import { z } from "zod";

/** Every error code the API can answer with; clients switch on these, never on messages. */
export const ErrorCode = z.enum([
  "VALIDATION_FAILED",
  "INVALID_PHONE",
  "MESSAGE_TOO_LONG",
  "CONTACT_OPTED_OUT",
  "SESSION_WINDOW_CLOSED",
  "TEMPLATE_INVALID",
  "PROVIDER_DISABLED",
  "IDEMPOTENCY_KEY_REUSED",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "PASSWORD_CHANGE_REQUIRED",
  "NOT_FOUND",
  "CONFLICT",
  "NOT_RETRYABLE",
  "NEXT_STEP_UNAVAILABLE",
  "RATE_LIMITED",
  "PAYLOAD_TOO_LARGE",
  "UNSUPPORTED_MEDIA_TYPE",
  "SERVICE_UNAVAILABLE",
  "INTERNAL",
  "UNKNOWN_VARIABLE",
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorResponse = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    requestId: z.string().optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;
