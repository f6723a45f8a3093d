// Paths only, so the app shell and the top bar link to screens without loading them.
export const API_KEYS_PATH = "/admin/api-keys";
export const PROPERTIES_PATH = "/admin/properties";
