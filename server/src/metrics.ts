import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

const LATENCY_BUCKETS_S = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The process's Prometheus metrics, on a registry of its own (not prom-client's global one) so that
 * several apps in one test process do not collide.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "commhub_" });
  const metrics = {
    registry,
    httpRequestDuration: new Histogram({
      name: "commhub_http_request_duration_seconds",
      help: "HTTP request duration by route and status class",
      labelNames: ["method", "route", "status"] as const,
      buckets: LATENCY_BUCKETS_S,
      registers: [registry],
    }),
    webhookAckDuration: new Histogram({
      name: "commhub_webhook_ack_duration_seconds",
      help: "Time from receiving a provider webhook to acknowledging it (after the raw event is stored)",
      labelNames: ["provider", "outcome"] as const,
      buckets: LATENCY_BUCKETS_S,
      registers: [registry],
    }),
    webhookStoreBatchSize: new Histogram({
      name: "commhub_webhook_store_batch_size",
      help: "Callbacks committed together by one webhook store statement (group commit)",
      labelNames: ["outcome"] as const,
      buckets: [1, 2, 4, 8, 16, 32, 64],
      registers: [registry],
    }),
    webhookEvents: new Counter({
      name: "commhub_webhook_events_total",
      help: "Provider webhook events by outcome (stored, duplicate, unauthorized, processed, parked)",
      labelNames: ["provider", "outcome"] as const,
      registers: [registry],
    }),
    jobsSettled: new Counter({
      name: "commhub_jobs_settled_total",
      help: "Jobs finished by queue and outcome (completed, retried, failed)",
      labelNames: ["queue", "outcome"] as const,
      registers: [registry],
    }),
    queueDepth: new Gauge({
      name: "commhub_queue_jobs",
      help: "Jobs in the queue by queue and status",
      labelNames: ["queue", "status"] as const,
      registers: [registry],
    }),
    queueLag: new Gauge({
      name: "commhub_queue_lag_seconds",
      help: "Age of the oldest due job per queue",
      labelNames: ["queue"] as const,
      registers: [registry],
    }),
    sendAttempts: new Counter({
      name: "commhub_send_attempts_total",
      help: "Provider send attempts by channel, outcome and provider code",
      labelNames: ["channel", "outcome", "code"] as const,
      registers: [registry],
    }),
    providerLatency: new Histogram({
      name: "commhub_provider_request_duration_seconds",
      help: "Duration of requests to the messaging provider",
      labelNames: ["channel", "outcome"] as const,
      buckets: LATENCY_BUCKETS_S,
      registers: [registry],
    }),
    retentionRowsRemoved: new Counter({
      name: "commhub_retention_rows_removed_total",
      help: "What the retention job deleted, by kind (webhook_events, jobs, realtime_events, audit_logs rows; media files)",
      labelNames: ["kind"] as const,
      registers: [registry],
    }),
    sseClients: new Gauge({
      name: "commhub_sse_clients",
      help: "Connected Server-Sent Events clients",
      registers: [registry],
    }),
  };
  return metrics;
}

export type Metrics = ReturnType<typeof createMetrics>;
