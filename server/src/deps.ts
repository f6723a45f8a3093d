import type { Config } from "@server/config";
import type { Actor, Ctx } from "@server/context";
import type { Database } from "@server/db/client";
import { createMediaStore } from "@server/domain/media/create-media-store";
import type { MediaStore } from "@server/domain/media/media-store";
import type { Logger } from "@server/logger";
import { createMetrics, type Metrics } from "@server/metrics";
import { gupshupProvidersConfig } from "@server/provider-runtime";
import type { ProviderRegistry } from "@server/providers/channel-provider";
import { meterProviders } from "@server/providers/metered-providers";
import { createProviders } from "@server/providers/registry";
import { EventBus } from "@server/realtime/event-bus";

export type ReadinessCheck = { name: string; check: () => Promise<{ ok: boolean; detail?: string }> };

/** The long-lived handles the process is built from; passed explicitly, never attached to globals. */
export type Deps = {
  config: Config;
  database: Database;
  log: Logger;
  bus: EventBus;
  now: () => Date;
  startedAt: Date;
  readiness: ReadinessCheck[];
  metrics: Metrics;
  /** One ChannelProvider per channel; later verbs send through these, never through a vendor module. */
  providers: ProviderRegistry;
  /** The secret Gupshup callbacks must carry (see authenticateWebhook); undefined = none configured. */
  webhookSecret: string | undefined;
  /** The in-process Gupshup simulator's URL, in simulator mode. */
  simulatorUrl: string | undefined;
  /** Where attachments' bytes live (MEDIA_STORE): get/put/head/delete/keys by key (messages' mediaStoragePath). */
  mediaStore: MediaStore;
};

export type DepsOptions = {
  now?: () => Date;
  providers?: ProviderRegistry;
  webhookSecret?: string;
  simulatorUrl?: string;
  mediaStore?: MediaStore;
};

export function createDeps(config: Config, database: Database, log: Logger, options: DepsOptions = {}): Deps {
  const now = options.now ?? (() => new Date());
  const metrics = createMetrics();
  return {
    config,
    database,
    log,
    bus: new EventBus(),
    now,
    startedAt: now(),
    readiness: [],
    metrics,
    providers: meterProviders(options.providers ?? createProviders(gupshupProvidersConfig(config)), metrics),
    webhookSecret: options.webhookSecret ?? config.gupshup.webhook.secret,
    simulatorUrl: options.simulatorUrl,
    mediaStore: options.mediaStore ?? createMediaStore(config.media.store, config, database),
  };
}

/** A verb context for one unit of work (a request, a job) acting as `actor`. */
export function createCtx(deps: Deps, actor: Actor, options: { log?: Logger; ip?: string } = {}): Ctx {
  return {
    db: deps.database.db,
    log: options.log ?? deps.log,
    now: deps.now,
    config: deps.config,
    bus: deps.bus,
    actor,
    ip: options.ip,
  };
}
