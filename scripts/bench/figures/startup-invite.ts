/** INVITE during startup → ringing (`npm run bench`), for the product and the floor page. */
import { phasesFrom, round } from '../bench-report';
import { markEpoch, probe } from '../bench-probes';
import {
  accountUrl,
  CALLER,
  discardLogs,
  record,
  recordFloor,
  sleep,
  waitForMark,
  type Collected,
} from '../bench-session';
import { AGENT, control, type AdapterMode, type BenchWorld } from '../bench-world';

/**
 * Reloads the console and, the moment the simulator answers the new page's REGISTER with 200, places an inbound call
 * (control API, simulated caller): INVITE sent by the simulator → ringing (product) or the web phone's `inboundCall`
 * (floor page).
 */
export async function startupInvite(world: BenchWorld, mode: AdapterMode, r: number, c: Collected): Promise<void> {
  world.mode = mode;
  const registered = world.nextRegistration();
  const navigation = world.console.goto(accountUrl(world));
  const registeredAt = await registered;
  const placed = await control<{ telephonySessionId: string }>(world, '/calls/inbound', {
    from: CALLER,
    to: AGENT.number,
  });
  await navigation;
  const inviteSent = [...world.invitesSent.entries()].find(([, at]) => at >= registeredAt);
  if (!inviteSent) throw new Error('the simulator sent no INVITE');
  const [callId, sentAt] = inviteSent;
  const frame = await world.frame();
  const markName = mode === 'product' ? `softphone:ringing:${callId}` : `floor:inbound:${callId}`;
  await waitForMark(frame, markName, 20_000);
  const ringing = (await probe(frame, markEpoch, markName))!;
  const navigationStart = await frame.evaluate(() => performance.timeOrigin);
  const phases = phasesFrom([
    ['navigation', navigationStart],
    ['REGISTER answered', registeredAt],
    ['INVITE sent', sentAt],
    [mode === 'product' ? 'ringing' : 'inboundCall event', ringing],
  ]);
  if (mode === 'floor') recordFloor(c.startup, r, round(ringing - sentAt, 2)!, phases);
  else record(c.startup, world, r, round(ringing - sentAt, 2)!, phases);
  await control(world, `/calls/${placed.telephonySessionId}/hangup`, {}).catch(() => undefined);
  if (mode === 'product') {
    await frame.waitForSelector('.softphone-incoming', { state: 'detached', timeout: 20_000 });
    await waitForMark(
      frame,
      mode === 'product' ? 'softphone:initialization-complete' : 'floor:initialization-complete',
    );
    await discardLogs(frame);
  }
  await sleep(300);
}
