// Types for bin/source-stamp.js, for the tests that use it (the package ships the .js only).
export declare const STAMP_FILE: string;
export declare function sourceHash(root: string): string;
export declare function buildIsFresh(root: string): boolean;
