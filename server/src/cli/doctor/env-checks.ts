import { type Check, fail, ok, skip } from "./check";

// The usual setup mistakes, read off the raw variables (before validation, so that every mistake
// gets its own line and its own fix even when the server would refuse to start).

const WEBHOOK_PATH = "/webhooks/gupshup";

/** Checks the Gupshup variables; with no GUPSHUP_API_KEY the server runs the simulator and needs none of them. */
export function checkGupshupEnv(env: Record<string, string>): Check[] {
  const live = env.GUPSHUP_API_KEY !== undefined;
  return [
    checkApiKey(env.GUPSHUP_API_KEY),
    checkAppName(env.GUPSHUP_APP_NAME, live),
    checkSource(env.GUPSHUP_SOURCE, live),
    checkWebhookUrl(env.GUPSHUP_WEBHOOK_URL, live),
    checkWebhookSecret(env, live),
  ];
}

function checkApiKey(key: string | undefined): Check {
  const name = "GUPSHUP_API_KEY";
  if (key === undefined)
    return skip(name, "not set: simulator mode (messages go to the built-in Gupshup simulator)");
  if (key.trim() === "") return fail(name, "is blank", "paste the API key from the Gupshup dashboard");
  if (key !== key.trim() || /\s/.test(key))
    return fail(
      name,
      "contains spaces or a line break (Gupshup answers 'Authentication Failed')",
      "copy the key again from the Gupshup dashboard and write it with no spaces, quotes or line breaks: GUPSHUP_API_KEY=abcd1234…",
    );
  if (/^["'].*["']$/.test(key)) return fail(name, "is wrapped in quotes", "remove the quotes around the key");
  return ok(name, `set (${key.length} characters, no spaces)`);
}

function checkAppName(appName: string | undefined, live: boolean): Check {
  const name = "GUPSHUP_APP_NAME";
  if (appName === undefined)
    return live
      ? fail(
          name,
          "not set (needed to list templates and as src.name on sends)",
          "set GUPSHUP_APP_NAME to the app's name exactly as the Gupshup dashboard shows it",
        )
      : skip(name, "not set (simulator mode uses its own)");
  if (appName !== appName.trim())
    return fail(name, "has leading or trailing spaces", "remove the spaces around the app name");
  return ok(name, appName);
}

function checkSource(source: string | undefined, live: boolean): Check {
  const name = "GUPSHUP_SOURCE";
  const example = "e.g. GUPSHUP_SOURCE=919876543210 (91 = India, then the 10-digit number)";
  if (source === undefined)
    return live
      ? fail(
          name,
          "not set",
          `set it to the WhatsApp business number: digits with country code, no +, ${example}`,
        )
      : skip(name, "not set (simulator mode uses its own)");
  const value = source.trim();
  if (value.startsWith("+"))
    return fail(name, `"${source}" starts with +`, `drop the + (and any spaces): ${example}`);
  if (!/^\d+$/.test(value))
    return fail(
      name,
      `"${source}" has characters other than digits`,
      `write digits only, without spaces, dashes or brackets: ${example}`,
    );
  if (value.length < 10 || value.length > 15)
    return fail(
      name,
      `"${source}" has ${value.length} digits (a number with its country code has 10 to 15)`,
      `put the country code in front of the number: ${example}`,
    );
  return ok(name, `${value.length} digits with country code, no +`);
}

function checkWebhookUrl(url: string | undefined, live: boolean): Check {
  const name = "GUPSHUP_WEBHOOK_URL";
  const example = "e.g. GUPSHUP_WEBHOOK_URL=https://hub.example.com/webhooks/gupshup";
  if (url === undefined)
    return live
      ? fail(
          name,
          "not set",
          `set it to the public URL Gupshup calls, and enter the same URL (with ?token=<GUPSHUP_WEBHOOK_SECRET>) as the callback URL in the Gupshup dashboard; ${example}`,
        )
      : skip(name, "not set (the simulator calls this process directly)");
  const value = url.trim();
  if (!URL.canParse(value)) return fail(name, `"${url}" is not a URL`, `write the full URL, ${example}`);
  const parsed = new URL(value);
  if (parsed.protocol !== "https:")
    return fail(
      name,
      `uses ${parsed.protocol.replace(":", "")}, not https (Gupshup only calls https URLs with a valid certificate)`,
      `serve commhub behind TLS and use the https URL, ${example}`,
    );
  if (parsed.pathname.replace(/\/+$/, "") !== WEBHOOK_PATH)
    return fail(
      name,
      `path is "${parsed.pathname}", not ${WEBHOOK_PATH}`,
      `the callback path of commhub is ${WEBHOOK_PATH}; ${example}`,
    );
  return ok(name, `${parsed.origin}${parsed.pathname}`);
}

function checkWebhookSecret(env: Record<string, string>, live: boolean): Check {
  const name = "GUPSHUP_WEBHOOK_SECRET";
  const secret = env.GUPSHUP_WEBHOOK_SECRET;
  const howTo =
    "generate one (openssl rand -hex 24), set GUPSHUP_WEBHOOK_SECRET, and append ?token=<the same secret> to the callback URL in the Gupshup dashboard";
  if (secret === undefined) {
    if (!live) return skip(name, "not set (simulator mode uses a random one per process)");
    if (/^(true|1|yes)$/i.test(env.GUPSHUP_WEBHOOK_ALLOW_UNAUTHENTICATED?.trim() ?? ""))
      return ok(name, "not set; GUPSHUP_WEBHOOK_ALLOW_UNAUTHENTICATED=true accepts callbacks from anyone");
    return fail(name, "not set: anyone who knows the URL could post fake callbacks", howTo);
  }
  if (secret !== secret.trim())
    return fail(
      name,
      "has leading or trailing spaces (callbacks would not match it)",
      "remove the spaces; the secret must match the ?token= in the dashboard's callback URL exactly",
    );
  if (secret.length < 16) return fail(name, `only ${secret.length} characters`, howTo);
  return ok(name, `set (${secret.length} characters); it must match ?token= in the dashboard's callback URL`);
}
