/** The JSON frames of docs/protocol.md#websocket-frames that the client reads and writes. */

/** `{"type":"cf_agent_identity"}`: the first frame on every connection. */
export interface IdentityFrame {
  type: "cf_agent_identity";
  name: string;
  agent: string;
  /** True when a state frame follows at once. */
  stateFollows?: boolean;
}

/** `{"type":"cf_agent_state"}`: the agent's whole state, in either direction. */
export interface StateFrame<State = unknown> {
  type: "cf_agent_state";
  state: State;
}

/** `{"type":"cf_agent_state_error"}`: the server refused this client's state. */
export interface StateErrorFrame {
  type: "cf_agent_state_error";
  error: string;
}

/** `{"type":"rpc"}` from the client. */
export interface RpcRequestFrame {
  type: "rpc";
  id: string;
  method: string;
  args: unknown[];
}

/** `{"type":"rpc"}` from the server: a result, a stream chunk (`done: false`), or an error. */
export type RpcResponseFrame =
  | { type: "rpc"; id: string; success: true; result?: unknown; done?: boolean }
  | { type: "rpc"; id: string; success: false; error?: string };
