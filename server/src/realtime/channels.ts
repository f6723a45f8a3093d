/** PostgreSQL NOTIFY channels; payloads are `<instanceId>:<value>`. */
export const REALTIME_CHANNEL = "commhub_realtime";
export const JOBS_CHANNEL = "commhub_jobs";
/** A staff member's or API key's access ended or changed; value `staff:<id>` or `apiKey:<id>`. */
export const ACCESS_CHANNEL = "commhub_access";
