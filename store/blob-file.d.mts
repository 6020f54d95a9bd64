/** Writes a blob (gzipped when `compress`) unless its file exists; `knownDirs` remembers directories already made. */
export function writeBlobFile(w: { file: string; tmp: string; bytes: Uint8Array; compress: boolean }, knownDirs?: Set<string> | null): void;
