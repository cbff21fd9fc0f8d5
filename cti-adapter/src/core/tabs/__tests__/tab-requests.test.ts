import { FakeClock } from '../../__tests__/support/fake-clock';
import { reasonOf } from '../../engine/notices';
import { installLabels } from '../../../ui/labels';
import { ENGLISH_LABELS } from '../../../ui/labels.generated';
import { errorText } from '../../../ui/view-format';
import { RelayedError, TabError, TabRequests, TabUnreachableError } from '../tab-requests';

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

  it("another tab's refusal code travels on with its message, worded here by its label (else the message)", async () => {
    const first = started();
    first.requests.settle('owner', 1, false, undefined, 'The call is already answered', 'CALL_ALREADY_ANSWERED');
    const error = await first.pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RelayedError);
    expect(reasonOf(error)).toMatchObject({ code: 'CALL_ALREADY_ANSWERED', message: 'The call is already answered' });
    installLabels({ ...ENGLISH_LABELS, Reason_CALL_ALREADY_ANSWERED: "l'appel est déjà pris" });
    try {
      expect(errorText(error)).toBe("L'appel est déjà pris");
      // A code this tab has no label for (a newer owner tab): the other tab's message.
      const unknown = new RelayedError('NOT_A_CODE_HERE', 'Extension 101 is busy');
      expect(errorText(unknown)).toBe('Extension 101 is busy');
    } finally {
      installLabels(ENGLISH_LABELS);
    }
  });

  it("no code keeps the other tab's message; no message at all is TAB_REQUEST_FAILED", async () => {
    const first = started();
    first.requests.settle('owner', 1, false, undefined, 'Extension 101 is busy');
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
