export { discordCsvImporter } from './csv.js';
export { parseExportDate } from './dates.js';
export { type ExportFileName, parseExportFileName } from './file-name.js';
export { discordJsonImporter } from './json.js';
