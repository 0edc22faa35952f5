/** What the crash harness and its writer agree on. */
export const KEY_FILE = 'crash.key';
export const ADMIN_LOGIN = 'admin';
export const ADMIN_PASSWORD = 'crash-harness-2026';
export const BRANCH = 'CRASH';
