import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { AgentClient, type AgentClientOptions, type CallOptions } from "../core/agent-client.js";
import type { AgentStub, UntypedAgent } from "../core/agent-stub.js";

/** The options of `useAgent`: those of `AgentClient`, which connects when the component mounts. */
export type UseAgentOptions<State = unknown> = Omit<AgentClientOptions<State>, "startClosed">;

/** What `useAgent` returns. */
export interface UseAgent<State, Agent> {
  /** The client of the current address (a new one when `agent`, `name` or the URL change). */
  client: AgentClient<State, Agent>;
  /** The agent's state, re-rendered on every change; `undefined` until the server sends it. */
  state: State | undefined;
  /** Whether the current connection has received its identity. */
  identified: boolean;
  /** `client.setState`: applies the state here, re-renders, and sends it. */
  setState: (state: State) => void;
  /** `client.call`. */
  call: <Result = unknown>(method: string, args?: unknown[], options?: CallOptions) => Promise<Result>;
  /** `client.stub`: `await stub.increment(1)`. */
  stub: AgentStub<Agent>;
}

interface View<State, Agent> {
  client: AgentClient<State, Agent> | null;
  state: State | undefined;
  identified: boolean;
}

/**
 * Connects a component to an agent instance: the connection opens on mount, moves when the
 * address (`host`, `agent`, `name`, `prefix`, `path`, `query`, `protocol`, `id`) changes, and
 * closes on unmount. Under React's StrictMode the mount, unmount, mount of development opens one
 * connection in the end, not two. Callbacks may change between renders without reconnecting;
 * `WebSocket` and `socket` are read when the address changes.
 *
 * ```tsx
 * const { state, stub } = useAgent<{ count: number }, Counter>({ agent: "CounterAgent", name: "room-1" });
 * return <button onClick={() => stub.increment(1)}>{state?.count}</button>;
 * ```
 */
export function useAgent<State = unknown, Agent = UntypedAgent>(
  options: UseAgentOptions<State>,
): UseAgent<State, Agent> {
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  const [view, setView] = useState<View<State, Agent>>({ client: null, state: undefined, identified: false });
  const { host, agent, name, prefix, path, protocol, id, timeout } = options;
  const query = JSON.stringify(options.query ?? null);

  const client = useMemo(() => {
    // Created closed: React may create a client during render and never mount it; only the
    // effect below opens a connection, and its cleanup closes it.
    const created: AgentClient<State, Agent> = new AgentClient<State, Agent>({
      host,
      agent,
      name,
      prefix,
      path,
      protocol,
      id,
      timeout,
      query: JSON.parse(query) ?? undefined,
      WebSocket: latest.current.WebSocket,
      socket: latest.current.socket,
      startClosed: true,
      onIdentity: (instance, agentName) => {
        setView((v) => ({ client: created, state: v.client === created ? v.state : undefined, identified: true }));
        latest.current.onIdentity?.(instance, agentName);
      },
      onStateUpdate: (state, source) => {
        setView((v) => ({ client: created, state, identified: v.client === created && v.identified }));
        latest.current.onStateUpdate?.(state, source);
      },
      onStateUpdateError: (error) => latest.current.onStateUpdateError?.(error),
      onMessage: (data) => latest.current.onMessage?.(data),
    });
    return created;
  }, [host, agent, name, prefix, path, protocol, id, timeout, query]);

  useEffect(() => {
    const lost = () => setView((v) => (v.client === client ? { ...v, identified: false } : v));
    client.socket.addEventListener("close", lost);
    client.connect();
    return () => {
      client.socket.removeEventListener("close", lost);
      client.close();
    };
  }, [client]);

  const setState = useCallback((state: State) => client.setState(state), [client]);
  const call = useCallback(
    <Result = unknown>(method: string, args?: unknown[], callOptions?: CallOptions) =>
      client.call<Result>(method, args, callOptions),
    [client],
  );
  const current = view.client === client ? view : { state: undefined, identified: false };
  return { client, state: current.state, identified: current.identified, setState, call, stub: client.stub };
}
