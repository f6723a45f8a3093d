// No zod here: the web app imports this value, and a value import from a schema module would pull the
// schema library into the browser bundle.

/** The header a cookie-authenticated state-changing request must carry, with `csrfToken` as value. */
export const CSRF_HEADER = "X-CSRF-Token";
