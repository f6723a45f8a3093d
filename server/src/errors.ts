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
