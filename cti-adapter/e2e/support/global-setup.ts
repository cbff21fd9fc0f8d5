import { ensureLightningHost } from '../../harness/lightning-host/lightning-host-build';
import { REPO_ROOT, buildBundle } from './softphone-world';

/**
 * Jest `globalSetup` of the e2e project: before any spec starts, builds the softphone bundle unless its stamp says it
 * is current ({@link buildBundle}; after `npm test`'s build step it is) and the harness's Lightning host unless it is
 * up to date (`--if-stale`). Each spec's `beforeAll` still calls {@link buildBundle}, which then only checks the stamp
 * (a few milliseconds), so a spec never waits for a build another spec already made, and no two Jest workers write
 * the bundle at once.
 */
export default function globalSetup(): void {
  buildBundle();
  ensureLightningHost(REPO_ROOT);
}
