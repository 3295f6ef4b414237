import { fileURLToPath } from 'node:url';

/** Folder with the console's built files (`vite build`), served by the server at `/`. */
export const consoleDir = fileURLToPath(new URL('./dist/', import.meta.url));
