/**
 * Apps for tests that dispose themselves: made inside a test, an app is disposed when that test
 * finishes; made at file or describe level, after the tests there. (An undisposed app keeps its
 * extraction workers and its response cache's poll running into the next file.)
 */
import { afterAll, onTestFinished } from "vitest";
import { createApp, type App, type AppOptions } from "../../src/server/app.ts";

export function testApp(opts: AppOptions): App {
  const app = createApp(opts);
  const dispose = app.dispose.bind(app);
  let disposing: Promise<void> | undefined;
  // Idempotent, so a test that disposes its app itself (to check what happens after) is fine too.
  app.dispose = () => (disposing ??= Promise.resolve(dispose()));
  try {
    onTestFinished(() => app.dispose());
  } catch {
    afterAll(() => app.dispose());
  }
  return app;
}
