import { createStaffAccount } from "@server/domain/auth/create-staff-account";
import { deactivateStaffAccount } from "@server/domain/auth/deactivate-staff-account";
import { generatePassword } from "@server/domain/staff/password-policy";
import { setStaffPassword } from "@server/domain/staff/set-staff-password";
import { type CliIo, withCliCtx } from "./cli-io";
import { parseRole, required, UsageError } from "./usage";

export type UserOptions = {
  email?: string;
  name?: string;
  role?: string;
  property?: string[];
  password?: string;
};

/** `user create | reset-password | deactivate`. */
export async function runUserCommand(
  verb: string | undefined,
  options: UserOptions,
  io: CliIo,
): Promise<void> {
  const email = required("email", options.email);
  switch (verb) {
    case "create": {
      const name = required("name", options.name);
      const role = parseRole(options.role);
      const password = options.password ?? generatePassword();
      const user = await withCliCtx(io, (ctx) =>
        createStaffAccount(ctx, {
          email,
          name,
          role,
          propertyCodes: options.property ?? [],
          password,
          mustChangePassword: !options.password,
        }),
      );
      const where = options.property?.length ? ` for ${options.property.join(", ")}` : "";
      io.out(`created ${role} ${user.email} (id ${user.id})${where}`);
      if (!options.password) io.out(`password: ${password} (temporary: to be changed at first sign-in)`);
      return;
    }
    case "reset-password": {
      const password = options.password ?? generatePassword();
      const done = await withCliCtx(io, (ctx) =>
        setStaffPassword(ctx, { email, password, mustChangePassword: !options.password }),
      );
      io.out(`password of ${email.toLowerCase()} reset; ${done.sessionsRevoked} session(s) ended`);
      if (!options.password) io.out(`password: ${password} (temporary: to be changed at first sign-in)`);
      return;
    }
    case "deactivate": {
      const done = await withCliCtx(io, (ctx) => deactivateStaffAccount(ctx, { email }));
      io.out(`deactivated ${email.toLowerCase()}; ${done.sessionsRevoked} session(s) ended`);
      return;
    }
    default:
      throw new UsageError(`unknown command: user ${verb ?? ""}`.trim());
  }
}
