/**
 * E2E tests drive a real Chromium, the simulator and the console stand-in on a shared 2-core CI machine. Under CI
 * (`CI` set, as `.ci/run` does) a failed e2e test runs once more, and the first failure is printed in full before
 * the retry (`logErrorsBeforeRetry`), so a flaky test stays visible in the CI output without making the whole
 * submission fail; a test that fails twice fails the run. Locally nothing is retried.
 */
if (process.env.CI) jest.retryTimes(1, { logErrorsBeforeRetry: true });
