import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readRemoteActionNames, REMOTE_ACTION_ATTRIBUTES } from '../remote-action-names';

const PAGE = join(__dirname, '../../../../force-app/main/default/pages/OpenCTIIndex.page');

describe('remote action names on the OpenCTIIndex page', () => {
  it('publishes every remote action the softphone calls, each naming its own method', () => {
    const page = readFileSync(PAGE, 'utf8');
    const published = Object.fromEntries(
      [...page.matchAll(/(data-[\w-]+)="\{!HTMLENCODE\(\$RemoteAction\.(\w+)\.(\w+)\)\}"/g)].map((m) => [
        m[1],
        `${m[2]}.${m[3]}`,
      ]),
    );
    const fallback = readRemoteActionNames(null);
    for (const [key, attribute] of Object.entries(REMOTE_ACTION_ATTRIBUTES) as [keyof typeof fallback, string][]) {
      // The page's `$RemoteAction` names the same controller and method as the unnamespaced fallback.
      expect([attribute, published[attribute]]).toEqual([attribute, fallback[key]]);
    }
    expect(published['data-search-users']).toBe('SoftphoneController.searchUsers');
  });
});
