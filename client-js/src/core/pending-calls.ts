import { AgentCallError } from "./agent-call-error.js";
import type { RpcResponseFrame } from "./frames.js";

/** Callbacks for a streaming method's chunks (`done: false` frames) and its end. */
export interface StreamCallbacks {
  /** Each chunk, in order. */
  onChunk?: (chunk: unknown) => void;
  /** The final result (`undefined` when the method ends without one). */
  onDone?: (result: unknown) => void;
  /** The error text; the call's promise rejects with an `AgentCallError` too. */
  onError?: (error: string) => void;
}

interface PendingCall {
  method: string;
  sent: boolean;
  stream?: StreamCallbacks;
  timer?: ReturnType<typeof setTimeout>;
  resolve(result: unknown): void;
  reject(error: AgentCallError): void;
}

/**
 * The calls of one client that await an answer, by id: answers them from `rpc` frames (in any
 * order), times them out, and fails them when the connection drops.
 */
export class PendingCalls {
  readonly #calls = new Map<string, PendingCall>();

  /** The number of calls awaiting an answer. */
  get size(): number {
    return this.#calls.size;
  }

  /**
   * Registers a call; `timeoutMs` of 0 means none.
   *
   * @returns its answer: the result, or an `AgentCallError`
   */
  add(id: string, method: string, timeoutMs: number, stream?: StreamCallbacks): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const call: PendingCall = { method, sent: false, stream, resolve, reject };
      if (timeoutMs > 0) {
        call.timer = setTimeout(() => {
          this.#fail(id, new AgentCallError(method, "timeout", `Call to "${method}" timed out after ${timeoutMs} ms`));
        }, timeoutMs);
      }
      this.#calls.set(id, call);
    });
  }

  /** Whether a call is still awaiting its answer (not answered, timed out or failed). */
  has(id: string): boolean {
    return this.#calls.has(id);
  }

  /** Marks a call as written to the socket: from now on a disconnect fails it. */
  markSent(id: string): void {
    const call = this.#calls.get(id);
    if (call) call.sent = true;
  }

  /**
   * Applies an `rpc` frame from the server. A frame for an unknown id (a call that timed out, or
   * answered on a socket that has since been replaced) is dropped.
   */
  answer(frame: RpcResponseFrame): void {
    const call = this.#calls.get(frame.id);
    if (!call) return;
    if (!frame.success) {
      const text = frame.error ?? "Unknown error";
      this.#fail(frame.id, new AgentCallError(call.method, "remote", text));
      return;
    }
    if (frame.done === false) {
      call.stream?.onChunk?.(frame.result);
      return;
    }
    this.#settle(frame.id, call);
    call.stream?.onDone?.(frame.result);
    call.resolve(frame.result);
  }

  /** Fails every call that was sent, e.g. when its socket closed. */
  failSent(error: (method: string) => AgentCallError): void {
    for (const [id, call] of [...this.#calls]) {
      if (call.sent) this.#fail(id, error(call.method));
    }
  }

  /** Fails every call, sent or not. */
  failAll(error: (method: string) => AgentCallError): void {
    for (const [id, call] of [...this.#calls]) {
      this.#fail(id, error(call.method));
    }
  }

  #fail(id: string, error: AgentCallError): void {
    const call = this.#calls.get(id);
    if (!call) return;
    this.#settle(id, call);
    call.stream?.onError?.(error.message);
    call.reject(error);
  }

  #settle(id: string, call: PendingCall): void {
    clearTimeout(call.timer);
    this.#calls.delete(id);
  }
}
