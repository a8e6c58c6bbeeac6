/**
 * What a file loaded or compared may hold (api.md, "Files in"): shared by the server's check and
 * the sidebar's, which refuses a larger file before sending it.
 */
export const MAX_FILE_ROWS = 20_000;
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** What one Sheets cell holds. */
export const MAX_CELL_CHARS = 50_000;
