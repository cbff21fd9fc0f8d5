import type { QueryValue, RingCentralApi } from '../../rest/ringcentral-api';

/** One recorded REST call. */
export interface ApiCall {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly query?: Readonly<Record<string, QueryValue>> | undefined;
  readonly body?: unknown;
}

type Handler = (call: ApiCall) => unknown;

/** Scriptable {@link RingCentralApi}: `on(method, pathPrefix, handler)`; handlers may throw to fail the call. */
export class FakeApi implements RingCentralApi {
  readonly calls: ApiCall[] = [];
  private readonly routes: { method: string; path: string | RegExp; handler: Handler }[] = [];

  on(method: ApiCall['method'], path: string | RegExp, handler: Handler): this {
    this.routes.unshift({ method, path, handler });
    return this;
  }

  get<T>(path: string, query?: Readonly<Record<string, QueryValue>>): Promise<T> {
    return this.handle<T>({ method: 'GET', path, query });
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.handle<T>({ method: 'POST', path, body });
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.handle<T>({ method: 'PUT', path, body });
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.handle<T>({ method: 'PATCH', path, body });
  }

  async delete(path: string): Promise<void> {
    await this.handle({ method: 'DELETE', path });
  }

  callsTo(method: ApiCall['method'], path: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method && c.path === path);
  }

  private async handle<T>(call: ApiCall): Promise<T> {
    this.calls.push(call);
    const route = this.routes.find(
      (r) => r.method === call.method && (typeof r.path === 'string' ? r.path === call.path : r.path.test(call.path)),
    );
    if (!route) throw new Error(`FakeApi: no route for ${call.method} ${call.path}`);
    return (await route.handler(call)) as T;
  }
}
