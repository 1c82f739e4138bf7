import ReconnectingWebSocket, { type Message, type Options as SocketOptions } from "partysocket/ws";
import { AgentCallError } from "./agent-call-error.js";
import { createStub, type AgentStub, type UntypedAgent } from "./agent-stub.js";
import { agentUrl, type AgentAddress } from "./agent-url.js";
import { kebabCase } from "./kebab-case.js";
import type { IdentityFrame, RpcRequestFrame, RpcResponseFrame, StateErrorFrame, StateFrame } from "./frames.js";
import { PendingCalls, type StreamCallbacks } from "./pending-calls.js";
import { randomId } from "./random-id.js";

/** Where a state change came from: this client's `setState`, or the server (any other writer). */
export type StateSource = "client" | "server";

/** The options of an `AgentClient`: the agent's address, callbacks, and socket settings. */
export interface AgentClientOptions<State = unknown> extends AgentAddress {
  /** The connection id (`_pk`), kept across reconnects; a random UUID by default. */
  id?: string;
  /** Default timeout of non-streaming calls in ms; 0 turns it off. Default 30 000. */
  timeout?: number;
  /** Every state the client learns of: from the server, and its own `setState`. */
  onStateUpdate?: (state: State, source: StateSource) => void;
  /** The server refused this client's `setState` (`Connection is readonly`, `State update rejected`). */
  onStateUpdateError?: (error: string) => void;
  /** The server's identity frame, on every (re)connect: the instance and agent names. */
  onIdentity?: (name: string, agent: string) => void;
  /** Messages that are not protocol frames (the agent's own `send`s and broadcasts). */
  onMessage?: (data: unknown) => void;
  /** Don't connect until `connect()`. */
  startClosed?: boolean;
  /** A WebSocket constructor, where there is no global one (Node.js before 22: `ws`). */
  WebSocket?: unknown;
  /** Reconnection settings of the underlying `partysocket` socket (delays, retries). */
  socket?: Omit<SocketOptions, "WebSocket" | "startClosed">;
}

/** The options of one call. */
export interface CallOptions {
  /**
   * Time in ms for the whole call, stream included; 0 turns it off. Non-streaming calls default
   * to the client's `timeout` (30 s); streaming calls have none unless given.
   */
  timeout?: number;
  /** Receives a streaming method's chunks and end. */
  stream?: StreamCallbacks;
}

/** The default timeout of non-streaming calls, in ms. */
export const DEFAULT_CALL_TIMEOUT = 30_000;

const PROTOCOL_TYPES = new Set([
  "cf_agent_identity",
  "cf_agent_state",
  "cf_agent_state_error",
  "cf_agent_mcp_servers",
  "rpc",
]);

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * A connection to one agent instance over a reconnecting WebSocket (docs/protocol.md#websocket-frames): its state,
 * kept in sync both ways, and RPC to its callable methods, plain or typed (`stub`).
 *
 * ```ts
 * const client = new AgentClient<{ count: number }, Counter>({ host: "localhost:8080", agent: "CounterAgent", name: "room-1" });
 * await client.ready;
 * await client.stub.increment(1);
 * ```
 */
export class AgentClient<State = unknown, Agent = UntypedAgent> {
  /** The agent's public (kebab-case) name, as the server last confirmed it. */
  agent: string;
  /** The instance name, as the server last confirmed it. */
  name: string;
  /** The connection id (`_pk`). */
  readonly id: string;
  /** The WebSocket URL. */
  readonly url: string;
  /** The reconnecting socket underneath, for listeners of its own (`open`, `close`, `error`). */
  readonly socket: ReconnectingWebSocket;
  /** Calls the agent's methods by name: `await client.stub.increment(1)`. */
  readonly stub: AgentStub<Agent>;

  readonly #options: AgentClientOptions<State>;
  readonly #calls = new PendingCalls();
  /** Calls made while the socket was not open, sent when it opens. */
  readonly #unsent = new Map<string, RpcRequestFrame>();
  #ready = deferred();
  #identified = false;
  #awaitingState = false;
  #closed: boolean;
  #state: State | undefined;
  #lastCallId = 0;

  /** @throws Error if the address is incomplete (see `agentUrl`) */
  constructor(options: AgentClientOptions<State>) {
    this.#options = options;
    this.id = options.id ?? randomId();
    this.url = agentUrl(options, "ws", { _pk: this.id });
    this.agent = kebabCase(options.agent);
    this.name = options.name ?? "default";
    this.#closed = options.startClosed ?? false;
    this.socket = new ReconnectingWebSocket(this.url, undefined, {
      ...options.socket,
      WebSocket: options.WebSocket,
      startClosed: this.#closed,
    });
    this.socket.addEventListener("open", () => this.#flushUnsent());
    this.socket.addEventListener("message", (event) => this.#receive(event.data));
    this.socket.addEventListener("close", () => this.#disconnected());
    this.stub = createStub<Agent>((method, args) => this.call(method, args));
  }

  /**
   * Resolves once the server has sent its identity (and its state, when one follows); after a
   * disconnect, a new promise resolves on the next connection's identity. An agent that turns
   * identity off never makes its clients ready.
   */
  get ready(): Promise<void> {
    return this.#ready.promise;
  }

  /** Whether the current connection has received its identity. */
  get identified(): boolean {
    return this.#identified;
  }

  /** The agent's state as last received or set; `undefined` until the server sends one. */
  get state(): State | undefined {
    return this.#state;
  }

  /**
   * Replaces the agent's state: applied here at once (`onStateUpdate(state, "client")`), then sent
   * to the server, which persists it and passes it to every other client. A refusal arrives
   * through `onStateUpdateError`. While disconnected, the frame is sent on reconnect.
   */
  setState(state: State): void {
    this.#state = state;
    const frame: StateFrame<State> = { type: "cf_agent_state", state };
    this.socket.send(JSON.stringify(frame));
    this.#options.onStateUpdate?.(state, "client");
  }

  /**
   * Calls a callable method of the agent. A call made while disconnected is sent when the socket
   * opens; a call in flight when the connection drops is rejected (`kind: "disconnected"`).
   *
   * @returns the method's result (for a streaming method, its final result)
   * @throws AgentCallError on the agent's error, a timeout, a disconnect or `close()`
   */
  call<Result = unknown>(method: string, args: unknown[] = [], options: CallOptions = {}): Promise<Result> {
    if (this.#closed) {
      return Promise.reject(new AgentCallError(method, "closed", `Client is closed; "${method}" was not sent`));
    }
    const id = String(++this.#lastCallId);
    const timeout = options.timeout ?? (options.stream ? 0 : (this.#options.timeout ?? DEFAULT_CALL_TIMEOUT));
    const answer = this.#calls.add(id, method, timeout, options.stream);
    const frame: RpcRequestFrame = { type: "rpc", id, method, args };
    if (this.socket.readyState === ReconnectingWebSocket.OPEN) {
      this.#send(frame);
    } else {
      this.#unsent.set(id, frame);
    }
    return answer as Promise<Result>;
  }

  /** Sends a message that is not a protocol frame; the agent's `onMessage` receives it. */
  send(data: Message): void {
    this.socket.send(data);
  }

  /** Connects (again) after `startClosed` or `close()`. */
  connect(): void {
    this.#closed = false;
    this.socket.reconnect();
  }

  /** Closes the connection for good (until `connect()`); calls not yet answered are rejected. */
  close(code?: number, reason?: string): void {
    this.#closed = true;
    this.socket.close(code, reason);
    this.#unsent.clear();
    this.#calls.failAll(
      (method) => new AgentCallError(method, "closed", `Client closed before "${method}" was answered`),
    );
  }

  #send(frame: RpcRequestFrame): void {
    this.socket.send(JSON.stringify(frame));
    this.#calls.markSent(frame.id);
  }

  #flushUnsent(): void {
    for (const [id, frame] of this.#unsent) {
      this.#unsent.delete(id);
      if (this.#calls.has(id)) this.#send(frame);
    }
  }

  #disconnected(): void {
    if (this.#identified || this.#awaitingState) {
      this.#ready = deferred();
    }
    this.#identified = false;
    this.#awaitingState = false;
    this.#calls.failSent(
      (method) =>
        new AgentCallError(
          method,
          this.#closed ? "closed" : "disconnected",
          this.#closed
            ? `Client closed before "${method}" was answered`
            : `Connection to ${this.agent}/${this.name} lost while "${method}" was in flight; it may or may not have run`,
        ),
    );
  }

  #receive(data: unknown): void {
    const frame = typeof data === "string" ? parseFrame(data) : undefined;
    if (!frame) {
      this.#options.onMessage?.(data);
      return;
    }
    switch (frame.type) {
      case "cf_agent_identity": {
        const identity = frame as unknown as IdentityFrame;
        this.agent = identity.agent;
        this.name = identity.name;
        this.#identified = true;
        this.#options.onIdentity?.(identity.name, identity.agent);
        if (identity.stateFollows) {
          this.#awaitingState = true;
        } else {
          this.#ready.resolve();
        }
        return;
      }
      case "cf_agent_state": {
        this.#state = (frame as unknown as StateFrame<State>).state;
        this.#options.onStateUpdate?.(this.#state, "server");
        if (this.#awaitingState) {
          this.#awaitingState = false;
          this.#ready.resolve();
        }
        return;
      }
      case "cf_agent_state_error":
        this.#options.onStateUpdateError?.((frame as unknown as StateErrorFrame).error);
        return;
      case "rpc":
        this.#calls.answer(frame as unknown as RpcResponseFrame);
        return;
      default:
        // cf_agent_mcp_servers: MCP servers are not part of this client.
        return;
    }
  }
}

/** A protocol frame, or `undefined` for a user message (not JSON, or no known `type`). */
function parseFrame(text: string): { type: string } | undefined {
  if (!text.startsWith("{")) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    const type = (value as { type?: unknown } | null)?.type;
    return typeof type === "string" && PROTOCOL_TYPES.has(type) ? (value as { type: string }) : undefined;
  } catch {
    return undefined;
  }
}
