/**
 * `agentbus/react`: the `useAgent` hook, an `AgentClient` bound to a component's life.
 */
export { useAgent } from "./react/use-agent.js";
export type { UseAgentOptions, UseAgent } from "./react/use-agent.js";
export type { StateSource, CallOptions, AgentStub } from "./client.js";
