/** Folder with the console's built files, served by the server at `/`. */
export declare const consoleDir: string;
