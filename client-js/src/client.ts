/**
 * `agentbus/client`: connect to AgentBus agents from a browser or Node.js.
 *
 * - `AgentClient`: a reconnecting WebSocket to one instance, with state sync and RPC (`call`, `stub`).
 * - `agentFetch`: HTTP to an instance; `readEvents`: its Server-Sent Events.
 * - `agentUrl`, `kebabCase`: the URLs of docs/protocol.md#urls.
 */
export { AgentClient, DEFAULT_CALL_TIMEOUT } from "./core/agent-client.js";
export type { AgentClientOptions, CallOptions, StateSource } from "./core/agent-client.js";
export { AgentCallError } from "./core/agent-call-error.js";
export type { AgentCallErrorKind } from "./core/agent-call-error.js";
export type { AgentStub, UntypedAgent } from "./core/agent-stub.js";
export type { StreamCallbacks } from "./core/pending-calls.js";
export { agentFetch } from "./core/agent-fetch.js";
export type { AgentFetchOptions } from "./core/agent-fetch.js";
export { readEvents } from "./core/read-events.js";
export type { ServerSentEvent } from "./core/read-events.js";
export { agentUrl } from "./core/agent-url.js";
export type { AgentAddress, QueryParams } from "./core/agent-url.js";
export { kebabCase } from "./core/kebab-case.js";
