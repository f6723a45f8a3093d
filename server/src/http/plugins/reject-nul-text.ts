import { validationFailed } from "@server/errors";
import type { App } from "@server/http/app";

/**
 * PostgreSQL text cannot hold a NUL byte: a JSON body whose string carried one (`"\u0000"`) reached SQL
 * and was answered 500. Every parsed JSON body is walked once, after authentication and before the
 * route's schema, and a NUL anywhere (value or key) is a 400 naming where it was. Webhook bodies are raw
 * buffers, never walked: what Gupshup sends is stored as received.
 */
export function registerNulTextRejection(app: App): void {
  app.addHook("preValidation", async (request) => {
    const where = findNul(request.body);
    if (where !== undefined) throw validationFailed(where || "body", "must not contain a NUL byte");
  });
}

// Iterative, so that a deeply nested body cannot overflow the stack.
function findNul(body: unknown): string | undefined {
  const pending: Array<{ value: unknown; path: string }> = [{ value: body, path: "" }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, path } = next;
    if (typeof value === "string") {
      if (value.includes("\0")) return path;
    } else if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) pending.push({ value: item, path: `${path}[${index}]` });
    } else if (value !== null && typeof value === "object" && !Buffer.isBuffer(value)) {
      for (const [key, item] of Object.entries(value)) {
        const at = path ? `${path}.${key}` : key;
        if (key.includes("\0")) return path || "body";
        pending.push({ value: item, path: at });
      }
    }
  }
  return undefined;
}
