import { afterIdle } from './fake-clock';

// The engine leaves work for when the page is idle (`whenIdle`: the next task in Node), such as loading the log
// builder's chunk (ADR 0018). A test file that ends right after starting an engine lets that work finish before the
// Jest environment is torn down, so no `import()` runs after it.
afterAll(async () => {
  await afterIdle();
});
