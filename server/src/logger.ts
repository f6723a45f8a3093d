import type { FastifyBaseLogger } from "fastify";
import pino, { type DestinationStream, type LoggerOptions } from "pino";

/** The logger verbs receive: pino's, as Fastify types it, so request loggers fit too. */
export type Logger = FastifyBaseLogger;

/** `919876543210` → `9198******10`: enough to tell numbers apart in logs, not enough to call anyone. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return "";
  const digits = phone.replace(/\D/g, "");
  if (digits.length < 7) return "*".repeat(digits.length);
  return `${digits.slice(0, 4)}${"*".repeat(digits.length - 6)}${digits.slice(-2)}`;
}

// Last line of defence: any run of 10–15 digits (optionally after '+') in a log line is masked, so a
// phone number that slipped into an error message or URL still never reaches the log.
const PHONE_LIKE = /(?<![\d.])\+?\d{10,15}(?![\d.])/g;
// A number written for people: "+91 98765 43210", "+1 (415) 555-1234" (a leading + and 10+ digits).
const FORMATTED_PHONE = /\+\d[\d ().-]{8,22}\d/g;

export function scrubLine(line: string): string {
  return line
    .replace(FORMATTED_PHONE, (match) => (match.replace(/\D/g, "").length >= 10 ? maskPhone(match) : match))
    .replace(PHONE_LIKE, (match) => maskPhone(match));
}

type SerializedError = ReturnType<typeof pino.stdSerializers.err> & { params?: unknown };

/**
 * pino's error serializer, minus the bound parameters a failed query carries (Drizzle puts phone numbers
 * and message texts in `params` and in the message itself); the SQL text with placeholders stays.
 */
export function serializeError(err: Error): SerializedError {
  // `err` may be anything a caller put there (e.g. `{ err: err.message }`): a throw here, inside an
  // 'error' listener of the pg pool, would take the whole process down when the database restarts.
  if (typeof err !== "object" || err === null) return err as unknown as SerializedError;
  const out: SerializedError = pino.stdSerializers.err(err);
  if (!("params" in err) || !("query" in err)) return out;
  const safe = `Failed query: ${String(err.query)} [parameters not logged]`;
  delete out.params;
  out.message = out.message.replace(err.message, safe);
  out.stack = out.stack.replace(err.message, safe);
  return out;
}

const REDACT_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  "req.headers.apikey",
  "req.headers['x-hub-signature-256']",
  'res.headers["set-cookie"]',
  'req.headers["x-csrf-token"]',
  "csrfToken",
  "passwordHash",
  "*.csrfToken",
  "*.passwordHash",
  "password",
  "apiKey",
  "token",
  "secret",
  "message",
  "text",
  "body",
  "*.password",
  "*.apiKey",
  "*.apikey",
  "*.token",
  "*.secret",
  "*.text",
  "*.body",
];

function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    // The request URL can carry the webhook token (?token=…); log the path only.
    serializers: {
      req: (req: { method?: string; url?: string; id?: string }) => ({
        method: req.method,
        url: req.url?.split("?")[0],
        id: req.id,
      }),
      err: serializeError,
    },
    messageKey: "msg",
  };
}

/**
 * A destination that masks phone-like numbers in every line before writing it. It writes in the same
 * tick as the log call (no stream pipe in between), so a line logged just before a process exits or a
 * test worker is torn down is not lost.
 */
function scrubbingDestination(target: NodeJS.WritableStream = process.stdout): DestinationStream {
  return {
    write(line: string) {
      target.write(scrubLine(line));
    },
  };
}

export function createLogger(level: string, target?: NodeJS.WritableStream): pino.Logger {
  return pino(loggerOptions(level), scrubbingDestination(target));
}
