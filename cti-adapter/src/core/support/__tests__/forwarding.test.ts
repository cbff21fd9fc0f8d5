import { forwarding } from '../forwarding';

interface Port {
  greet(name: string): Promise<string>;
  count(): number;
  other(): string;
}

class Counter implements Port {
  calls = 0;
  async greet(name: string): Promise<string> {
    this.calls += 1;
    return `hello ${name}`;
  }
  count(): number {
    return this.calls;
  }
  other(): string {
    return 'not forwarded';
  }
}

class Late extends forwarding<Port, 'greet' | 'count'>(['greet', 'count']) {
  target: Port | null = null;
  protected forwardTarget(): Port {
    if (!this.target) throw new Error('not ready');
    return this.target;
  }
}

describe('forwarding', () => {
  it('calls the named methods on the current target, with its own `this`', async () => {
    const late = new Late();
    const counter = new Counter();
    late.target = counter;
    await expect(late.greet('Ann')).resolves.toBe('hello Ann');
    expect(late.count()).toBe(1);
    expect('other' in late).toBe(false);
  });

  it('rejects when there is no target yet', async () => {
    await expect(new Late().greet('Ann')).rejects.toThrow('not ready');
  });
});
