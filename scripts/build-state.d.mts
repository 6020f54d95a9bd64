export declare const DIST: string;
export declare const STAMP: string;
export declare function buildInputs(root: string): string[];
export declare function buildIsFresh(root: string): boolean;
export declare function ensureFreshBuild(root: string): Promise<void>;
