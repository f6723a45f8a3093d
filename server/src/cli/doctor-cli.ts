import { runDoctor } from "./doctor/doctor";

// `npm run doctor`: checks the configuration, the database and Gupshup, and prints what to fix.
runDoctor(process.env, process.cwd(), (text) => process.stdout.write(`${text}\n`))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((err: unknown) => {
    process.stderr.write(`commhub doctor: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
