import { createApiKey } from "@server/domain/api-keys/create-api-key";
import { listApiKeys } from "@server/domain/api-keys/list-api-keys";
import { revokeApiKey } from "@server/domain/api-keys/revoke-api-key";
import { type CliIo, withCliCtx } from "./cli-io";
import { parseRole, required, UsageError } from "./usage";

export type ApiKeyOptions = {
  name?: string;
  role?: string;
  property?: string[];
  id?: string;
  prefix?: string;
  "expires-at"?: string;
};

/** `api-key create | revoke | list`. */
export async function runApiKeyCommand(
  verb: string | undefined,
  options: ApiKeyOptions,
  io: CliIo,
): Promise<void> {
  switch (verb) {
    case "create": {
      const name = required("name", options.name);
      const role = parseRole(options.role);
      const expiresAt = parseExpiry(options["expires-at"]);
      const key = await withCliCtx(io, (ctx) =>
        createApiKey(ctx, { name, role, propertyCodes: options.property ?? [], expiresAt }),
      );
      const scope =
        role === "ADMIN" ? "all properties" : `properties ${key.propertyCodes.join(", ") || "none"}`;
      const expiry = key.expiresAt ? `, expires ${key.expiresAt.toISOString()}` : "";
      io.out(
        `created API key ${key.id} "${key.name}" (${role}, ${scope}${expiry}); it is shown once, store it now:`,
      );
      // Scripts take the last line of the output: the key, alone.
      io.out(key.token);
      return;
    }
    case "revoke": {
      if ((options.id === undefined) === (options.prefix === undefined))
        throw new UsageError("api-key revoke needs exactly one of --id N or --prefix PREFIX");
      const id = options.id === undefined ? undefined : Number(options.id);
      if (id !== undefined && !(Number.isInteger(id) && id > 0))
        throw new UsageError("--id must be a positive integer");
      const done = await withCliCtx(io, (ctx) =>
        revokeApiKey(ctx, id !== undefined ? { id } : { prefix: options.prefix ?? "" }),
      );
      io.out(done.alreadyRevoked ? `API key ${done.id} was already revoked` : `revoked API key ${done.id}`);
      return;
    }
    case "list": {
      const keys = await withCliCtx(io, (ctx) => listApiKeys(ctx));
      if (keys.length === 0) io.out("no API keys");
      for (const k of keys) {
        const state = k.revokedAt
          ? `revoked ${k.revokedAt.toISOString()}`
          : k.expiresAt
            ? `${k.expiresAt <= new Date() ? "expired" : "expires"} ${k.expiresAt.toISOString()}`
            : "active";
        const used = k.lastUsedAt ? `last used ${k.lastUsedAt.toISOString()}` : "never used";
        const scope = k.role === "ADMIN" ? "all" : k.propertyCodes.join(",") || "-";
        io.out(`${k.id}\t${k.prefix}…\t${k.role}\t${scope}\t${k.name}\t${state}\t${used}`);
      }
      return;
    }
    default:
      throw new UsageError(`unknown command: api-key ${verb ?? ""}`.trim());
  }
}

// A date (2027-01-31, midnight UTC) or a full ISO 8601 timestamp.
function parseExpiry(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const at = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(at.getTime()))
    throw new UsageError(`--expires-at must be a date or ISO 8601 timestamp (2027-01-31), not ${value}`);
  return at;
}
