/** Where managers and admins edit canned replies (the page itself loads lazily). */
export const CANNED_REPLIES_PATH = "/admin/canned-replies";
