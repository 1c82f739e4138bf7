import { agentUrl, type AgentAddress } from "./agent-url.js";

/** The address of an agent instance for HTTP, and optionally the `fetch` to use. */
export interface AgentFetchOptions extends AgentAddress {
  /** The fetch function; default the global `fetch`. */
  fetch?: typeof fetch;
}

/**
 * Sends an HTTP request to an agent instance (its `onRequest`), at
 * `http(s)://host/{prefix}/{agent}/{name}[/{path}]`.
 *
 * ```ts
 * const response = await agentFetch({ host: "localhost:8080", agent: "CounterAgent", name: "room-1" }, { method: "POST" });
 * ```
 *
 * @returns the response, whatever its status
 */
export function agentFetch(options: AgentFetchOptions, init?: RequestInit): Promise<Response> {
  const fetchFunction = options.fetch ?? globalThis.fetch;
  return fetchFunction(agentUrl(options, "http"), init);
}
