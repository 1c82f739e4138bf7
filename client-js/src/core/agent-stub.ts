/** Any function type, for picking an agent interface's methods. */
type AnyFunction = (...args: never[]) => unknown;

/**
 * The callable side of an agent interface: every method takes the same arguments and returns a
 * promise of its awaited result.
 *
 * ```ts
 * interface Counter { increment(by: number): number }
 * const count: number = await client.stub.increment(1);
 * ```
 */
export type AgentStub<Agent> = {
  [K in keyof Agent as Agent[K] extends AnyFunction ? K : never]: Agent[K] extends (...args: infer A) => infer R
    ? (...args: A) => Promise<Awaited<R>>
    : never;
};

/** The interface of an agent whose methods are not declared: any name, any arguments. */
export type UntypedAgent = Record<string, (...args: unknown[]) => unknown>;

/**
 * A stub whose every method calls `call(method, args)`. It is not thenable (no `then`), so it
 * can be returned from async functions and awaited safely.
 */
export function createStub<Agent>(call: (method: string, args: unknown[]) => Promise<unknown>): AgentStub<Agent> {
  return new Proxy(Object.create(null) as AgentStub<Agent>, {
    get(_target, property) {
      if (typeof property !== "string" || property === "then") return undefined;
      return (...args: unknown[]) => call(property, args);
    },
  });
}
