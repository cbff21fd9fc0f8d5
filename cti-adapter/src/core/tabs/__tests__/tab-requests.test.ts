import { FakeClock } from '../../__tests__/support/fake-clock';
import { TabError, TabRequests, TabUnreachableError } from '../tab-requests';

/** The tabs' own failures carry their code across tabs (ADR 0028, sixth amendment): the asking tab words them. */
describe('TabRequests: failures by code', () => {
  function started() {
    const requests = new TabRequests(new FakeClock(), 30_000);
    const pending = requests.start('owner', () => undefined, 'TAB_OWNER_SILENT');
    return { requests, pending };
  }

  it("a refusal with a tabs' failure code is that TabError, whatever words the other tab used", async () => {
    const { requests, pending } = started();
    requests.settle('owner', 1, false, undefined, 'Cet onglet ne détient pas le téléphone.', 'TAB_NOT_OWNER');
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TabError);
    expect(error).toMatchObject({ reasonCode: 'TAB_NOT_OWNER', message: 'This tab does not hold the phone.' });
  });

  it("an unknown code, or none, keeps the other tab's message; no message at all is TAB_REQUEST_FAILED", async () => {
    const first = started();
    first.requests.settle('owner', 1, false, undefined, 'Extension 101 is busy', 'NOT_A_TAB_CODE');
    await expect(first.pending).rejects.toEqual(new Error('Extension 101 is busy'));
    const second = started();
    second.requests.settle('owner', 1, false, undefined, undefined);
    await expect(second.pending).rejects.toMatchObject({ reasonCode: 'TAB_REQUEST_FAILED' });
  });

  it('a tab that went away: TabUnreachableError with the code given', async () => {
    const { requests, pending } = started();
    requests.abandon('owner', 'TAB_OWNER_GONE');
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TabUnreachableError);
    expect(error).toMatchObject({ reasonCode: 'TAB_OWNER_GONE' });
  });
});
