import { FaultPlan } from '../fault-plan';

describe('FaultPlan', () => {
  it('consumes rest faults one request at a time, only on matching paths', () => {
    const plan = new FaultPlan();
    plan.addRestFault({ kind: 'rest-fail', count: 2, status: 429 });
    plan.addRestFault({ kind: 'rest-delay', count: 1, delayMs: 500 });
    expect(plan.take('/customer-phone/')).toEqual({ delayMs: 0 });
    expect(plan.take('/restapi/v1.0/account/~')).toEqual({ delayMs: 500, failStatus: 429 });
    expect(plan.take('/restapi/v1.0/account/~')).toEqual({ delayMs: 0, failStatus: 429 });
    expect(plan.take('/restapi/v1.0/account/~')).toEqual({ delayMs: 0 });
    expect(plan.pending()).toEqual([]);
  });

  it('lets unused faults lapse after five minutes', () => {
    let t = 0;
    const plan = new FaultPlan(() => t);
    plan.addRestFault({ kind: 'rest-fail' });
    t = 5 * 60_000 + 1;
    expect(plan.take('/restapi/x')).toEqual({ delayMs: 0 });
  });

  it('enforces bounds', () => {
    const plan = new FaultPlan();
    expect(() => plan.addRestFault({ kind: 'rest-fail', count: 0 })).toThrow(RangeError);
    expect(() => plan.addRestFault({ kind: 'rest-fail', count: 101 })).toThrow(RangeError);
    expect(() => plan.addRestFault({ kind: 'rest-fail', status: 302 })).toThrow(RangeError);
    expect(() => plan.addRestFault({ kind: 'rest-delay', delayMs: 30_001 })).toThrow(RangeError);
    for (let i = 0; i < 20; i++) plan.addRestFault({ kind: 'rest-delay', delayMs: 1 });
    expect(() => plan.addRestFault({ kind: 'rest-delay', delayMs: 1 })).toThrow(/at most 20/);
  });
});
