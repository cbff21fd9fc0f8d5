import type {
  SalesEngagementCompletion,
  SalesEngagementPort,
  SalesEngagementWorkStart,
} from '../core/ports/sales-engagement-port';
import type { Unsubscribe } from '../core/support/typed-emitter';
import type { OpenCtiApi } from './open-cti-api';
import type { OpenCtiBridge } from './open-cti-bridge';

/**
 * {@link SalesEngagementPort} over Open CTI `hvs.onWorkStart` / `hvs.completeWork` (API 46+; source: the Open CTI
 * Developer Guide, "Sales Engagement Methods for Lightning Experience",
 * developer.salesforce.com/docs/atlas.en-us.api_cti.meta/api_cti/sforce_api_cti_hvs_lex.htm). A payload without a
 * work id or a `to` number is dropped; `completeWorkWhen` defaults to `TaskSaved`. Open CTI has no way to remove a
 * listener: the returned `Unsubscribe` stops forwarding.
 * @public
 */
export class OpenCtiSalesEngagement implements SalesEngagementPort {
  constructor(private readonly bridge: Pick<OpenCtiBridge, 'register' | 'invoke'>) {}

  async onWorkStart(listener: (work: SalesEngagementWorkStart) => void): Promise<Unsubscribe> {
    let active = true;
    await this.bridge.register(
      'hvs.onWorkStart',
      (api, wrapped) => hvsOf(api).onWorkStart({ listener: wrapped }),
      (payload) => {
        const work = workStartOf(payload);
        if (active && work) listener(work);
      },
    );
    return () => {
      active = false;
    };
  }

  async completeWork(workId: string, completion: SalesEngagementCompletion): Promise<void> {
    const { disposition, taskId, wasConnected } = completion;
    const attributes = { disposition, taskId, wasConnected };
    await this.bridge.invoke('hvs.completeWork', (api, callback) =>
      hvsOf(api).completeWork({ workId, attributes, callback }),
    );
  }
}

/** The `hvs` methods, or an Error the bridge turns into `GENERIC_ERROR` (an Open CTI library below API 46). */
function hvsOf(api: OpenCtiApi): NonNullable<OpenCtiApi['hvs']> {
  if (!api.hvs) throw new Error('this Open CTI library has no hvs methods (API version 46 or later)');
  return api.hvs;
}

/** The work start of an `hvs.onWorkStart` payload, or `null` when it lacks the work id or the number. @public */
export function workStartOf(payload: Record<string, unknown>): SalesEngagementWorkStart | null {
  const attributes = payload['attributes'];
  const to = attributes && typeof attributes === 'object' ? (attributes as Record<string, unknown>)['to'] : undefined;
  const workId = payload['workId'];
  if (typeof workId !== 'string' || workId.trim() === '' || typeof to !== 'string' || to.trim() === '') return null;
  const when = payload['completeWorkWhen'];
  return { workId, completeWorkWhen: typeof when === 'string' && when ? when : 'TaskSaved', to: to.trim() };
}
