/** A mistake in the command line: printed with the usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export const USAGE = `usage: npm run cli -- <command> [options]

  user create --email E --name N --role ADMIN|MANAGER|AGENT [--property CODE ...] [--password P]
      creates a staff account; without --password a random one is generated and printed
  user reset-password --email E [--password P]
      sets a new password (random when omitted) and signs the user out everywhere
  user deactivate --email E
      deactivates the account and ends its sessions at once

  api-key create --name NAME --role ADMIN|MANAGER|AGENT [--property CODE ...] [--expires-at DATE]
      creates an API key; the key is printed alone on the last line (shown once); after
      --expires-at (2027-01-31 or an ISO 8601 timestamp) it is refused like a revoked one
  api-key revoke --id N | --prefix PREFIX
  api-key list

  media migrate --to disk|postgres|s3 [--from disk|postgres|s3]
      copies stored attachments from one store to another (--from defaults to MEDIA_STORE);
      resumable: a second run skips what is already there. Then set MEDIA_STORE and restart

Uses the same configuration as the server (DATABASE_URL, DATA_DIR, .env). On the embedded database,
stop the server first: only one process may open it.`;

export type Role = "ADMIN" | "MANAGER" | "AGENT";

export function parseRole(value: string | undefined): Role {
  if (value === "ADMIN" || value === "MANAGER" || value === "AGENT") return value;
  throw new UsageError(
    value === undefined ? "--role is required" : `--role must be ADMIN, MANAGER or AGENT, not ${value}`,
  );
}

export function required(name: string, value: string | undefined): string {
  if (value === undefined || value.trim() === "") throw new UsageError(`--${name} is required`);
  return value;
}
