import type { ErrorCode } from "@contract/errors";

/** The one error type domain verbs throw; the HTTP layer maps its code to a status. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "AppError";
  }
}

export const notFound = (entity: string, id: string | number) =>
  new AppError("NOT_FOUND", `${entity} ${id} not found`);

export const validationFailed = (field: string, message: string) =>
  new AppError("VALIDATION_FAILED", `${field}: ${message}`, { field });

export const conflict = (message: string, details?: Record<string, unknown>) =>
  new AppError("CONFLICT", message, details);

/**
 * A refusal that must look like "not found" to the caller (another property's row) but is still a
 * denied access: the HTTP layer records it in the audit trail.
 */
export class AccessDeniedError extends AppError {
  constructor(
    readonly entity: string,
    readonly entityId: string | number,
  ) {
    super("NOT_FOUND", `${entity} ${entityId} not found`);
    this.name = "AccessDeniedError";
  }
}
