/** PostgreSQL NOTIFY channels; payloads are `<instanceId>:<value>`. */
export const REALTIME_CHANNEL = "commhub_realtime";
export const JOBS_CHANNEL = "commhub_jobs";
