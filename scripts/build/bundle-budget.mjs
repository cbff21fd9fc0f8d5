// The first-paint budget of the softphone bundle, the one source for the build (scripts/build/build-softphone.mjs,
// which fails above it) and the benchmark's report (scripts/bench/bench-report.ts, target `bundle.budget`).

/** Budget of the first-paint chunk in bytes of gzip (level 9): the build fails above it (ADR 0018). */
export const BUDGET_GZIP_BYTES = 100 * 1024;
