// The Foundation console is a single static page; the Console issue replaces this with a Vite build.
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
rmSync(`${here}dist`, { recursive: true, force: true });
mkdirSync(`${here}dist`, { recursive: true });
cpSync(`${here}src`, `${here}dist`, { recursive: true });
