/**
 * Sales Engagement (ADR 0030), a lazy chunk of its own: the first paint does not carry it; `main.ts` loads it once the
 * settings say the admin turned Sales Engagement mode on (`hvsMode`). It registers Open CTI `hvs.onWorkStart` and
 * completes work items with `hvs.completeWork`.
 */
import type { SoftphoneEngine } from '../core/engine/softphone-engine';
import { SalesEngagementFlow } from '../core/sales-engagement/sales-engagement-flow';
import type { OpenCtiBridge } from '../opencti/open-cti-bridge';
import { OpenCtiSalesEngagement } from '../opencti/open-cti-sales-engagement';

/** Starts Sales Engagement over the page's Open CTI bridge. @returns the started flow */
export async function startSalesEngagement(
  engine: SoftphoneEngine,
  bridge: OpenCtiBridge,
): Promise<SalesEngagementFlow> {
  const flow = new SalesEngagementFlow({ engine, port: new OpenCtiSalesEngagement(bridge) });
  await flow.start();
  return flow;
}
