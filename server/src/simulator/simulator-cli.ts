import { parseArgs } from "node:util";
import { SIMULATOR_DEFAULTS } from "./simulator-options";
import { startSimulator } from "./start-simulator";

// npm run simulator -- --port 4010 --callback-url http://127.0.0.1:4000/webhooks/gupshup [--api-key KEY] [--sandbox]

const usage = `usage: npm run simulator -- [options]
  --port N                 listen port (default 4010; 0 = any free port)
  --host ADDR              listen address (default 127.0.0.1)
  --callback-url URL       where WhatsApp callbacks go, e.g. http://127.0.0.1:4000/webhooks/gupshup
  --sms-callback-url URL   where SMS reports and inbound SMS go (default: callback URL + /sms)
  --api-key KEY            the only accepted apikey (default ${SIMULATOR_DEFAULTS.apiKey})
  --app-name NAME          app name expected in src.name (default ${SIMULATOR_DEFAULTS.appName})
  --source DIGITS          business number expected in source (default ${SIMULATOR_DEFAULTS.source})
  --sandbox                only opted-in numbers receive messages (opt in: a guest writes "proxy <app name>")
  --max-sandbox-users N    (default ${SIMULATOR_DEFAULTS.maxSandboxUsers})
  --delay-ms N             pause before each status callback (default 300)
  --sms-userid ID          Enterprise SMS account (default ${SIMULATOR_DEFAULTS.smsUserId})
  --sms-password PASSWORD  (default ${SIMULATOR_DEFAULTS.smsPassword})
  --no-session-window      deliver free-form WhatsApp even without an inbound message in the last 24 h
  --quiet                  do not print each request`;

function fail(message: string): never {
  console.error(`simulator: ${message}\n${usage}`);
  process.exit(2);
}

function intOption(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) fail(`--${name} must be a non-negative integer`);
  return Number(value);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "callback-url": { type: "string" },
      "sms-callback-url": { type: "string" },
      "api-key": { type: "string" },
      "app-name": { type: "string" },
      source: { type: "string" },
      sandbox: { type: "boolean", default: false },
      "max-sandbox-users": { type: "string" },
      "delay-ms": { type: "string" },
      "sms-userid": { type: "string" },
      "sms-password": { type: "string" },
      "no-session-window": { type: "boolean", default: false },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const callbackUrl = values["callback-url"];
  if (callbackUrl !== undefined && !URL.canParse(callbackUrl)) fail("--callback-url must be a URL");
  const delay = intOption("delay-ms", values["delay-ms"], 300);
  const sim = await startSimulator({
    port: intOption("port", values.port, 4010),
    host: values.host,
    callbackUrl,
    smsCallbackUrl: values["sms-callback-url"],
    apiKey: values["api-key"],
    appName: values["app-name"],
    source: values.source,
    sandbox: values.sandbox,
    maxSandboxUsers: intOption(
      "max-sandbox-users",
      values["max-sandbox-users"],
      SIMULATOR_DEFAULTS.maxSandboxUsers,
    ),
    smsUserId: values["sms-userid"],
    smsPassword: values["sms-password"],
    delaysMs: { enqueued: delay, sent: delay, delivered: delay, read: delay },
    knobs: { enforceSessionWindow: !values["no-session-window"] },
    onRequest: values.quiet ? undefined : (line) => console.log(`simulator: ${line}`),
  });
  console.log(
    `simulator: Gupshup simulator listening on ${sim.url} (app ${sim.appName}, source ${sim.source})`,
  );
  console.log(
    `simulator: callbacks → ${callbackUrl ?? "(none: set --callback-url)"}${values.sandbox ? "; sandbox mode" : ""}`,
  );
  const stop = () => {
    void sim.stop().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((err) => {
  console.error(`simulator: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
