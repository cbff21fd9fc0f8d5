/** Budget of the first-paint chunk in bytes of gzip (level 9): the build fails above it (ADR 0018). */
export declare const BUDGET_GZIP_BYTES: number;
