import type { WorkerClient } from '@llm-control-plane/core';

type AnyFunction = (...args: unknown[]) => unknown;

function deferredCall(
  resolve: () => Promise<WorkerClient>,
  invoke: (client: WorkerClient) => unknown,
): unknown {
  const result = resolve().then(invoke);
  // Callers who only iterate never await the promise itself; its rejection reaches them through next().
  result.catch(() => {});
  // Methods such as `listAll` return an AsyncIterable rather than a promise; the deferred result serves both.
  return Object.assign(result, {
    async *[Symbol.asyncIterator]() {
      const value = (await result) as { [Symbol.asyncIterator]?: () => AsyncIterator<unknown> } | null;
      if (!value || typeof value[Symbol.asyncIterator] !== 'function') {
        throw new TypeError('The deferred result is not iterable');
      }
      yield* value as AsyncIterable<unknown>;
    },
  });
}

/**
 * A client that waits for the worker's credential (an asynchronous vault lookup) before each call, so
 * `fleet.worker(id)` can stay synchronous. Lifetime is owned by the fleet: close() here does nothing.
 */
export function createDeferredClient(
  baseUrl: string,
  workerId: string,
  resolve: () => Promise<WorkerClient>,
): WorkerClient {
  const namespaces = new Map<string, unknown>();
  const namespace = (name: string): unknown => {
    let proxy = namespaces.get(name);
    if (!proxy) {
      proxy = new Proxy(
        {},
        {
          get: (_target, method) =>
            typeof method !== 'string'
              ? undefined
              : (...args: unknown[]) =>
                  deferredCall(resolve, (client) => {
                    const group = (client as unknown as Record<string, Record<string, AnyFunction>>)[name];
                    return group?.[method]?.(...args);
                  }),
        },
      );
      namespaces.set(name, proxy);
    }
    return proxy;
  };
  const topLevel: Record<string | symbol, unknown> = {
    baseUrl,
    workerId,
    close: async () => {},
    [Symbol.asyncDispose]: async () => {},
  };
  return new Proxy(topLevel, {
    get: (target, property) => {
      if (property in target) return target[property];
      if (typeof property !== 'string' || property === 'then') return undefined;
      if (property === 'raw' || property === 'uiConfig') {
        return (...args: unknown[]) =>
          deferredCall(resolve, (client) =>
            (client as unknown as Record<string, AnyFunction>)[property]?.(...args),
          );
      }
      return namespace(property);
    },
  }) as unknown as WorkerClient;
}
