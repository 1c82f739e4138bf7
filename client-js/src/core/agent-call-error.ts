/**
 * Why a call failed: the agent answered with an error (`remote`), no answer came in time
 * (`timeout`), the connection dropped while the call was in flight (`disconnected`: the agent may
 * or may not have run it), or the client was closed (`closed`).
 */
export type AgentCallErrorKind = "remote" | "timeout" | "disconnected" | "closed";

/** The rejection of `AgentClient.call` and of stub methods. */
export class AgentCallError extends Error {
  /** The method that was called. */
  readonly method: string;
  /** Why it failed. */
  readonly kind: AgentCallErrorKind;

  constructor(method: string, kind: AgentCallErrorKind, message: string) {
    super(message);
    this.name = "AgentCallError";
    this.method = method;
    this.kind = kind;
  }
}
