/** The largest request body any route accepts (1 MiB), webhooks included: larger ones are a 413. */
export const BODY_LIMIT_BYTES = 1024 * 1024;
