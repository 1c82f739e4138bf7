import type { ChatTransport, UIMessage, UIMessageChunk } from "ai";
import type { AgentClient } from "../core/agent-client.js";
import type {
  ChatResponseFrame,
  ClearFrame,
  MessageUpdatedFrame,
  ResumeAnswerFrame,
  TranscriptFrame,
} from "./frames.js";
import { parseChatFrame } from "./frames.js";
import { ResumeProbe } from "./resume-probe.js";
import { shortId } from "./short-id.js";
import { TurnStream } from "./turn-stream.js";

/** What the transport needs of an agent connection: `AgentClient` (`useAgent(...).client`). */
export type ChatConnection = Pick<AgentClient<unknown, unknown>, "send" | "socket">;

/** The frames the transport passes on to the hook: the transcript, a message update, a clear. */
export type ChatSyncFrame<M extends UIMessage = UIMessage> = TranscriptFrame<M> | MessageUpdatedFrame<M> | ClearFrame;

/** The options of an `AgentChatTransport`. */
export interface AgentChatTransportOptions<M extends UIMessage = UIMessage> {
  /** The extra body of each chat request (the hook's `body`, client tools, `prepareSendMessagesRequest`). */
  prepareBody?: (request: {
    messages: M[];
    trigger: "submit-message" | "regenerate-message";
    messageId: string | undefined;
  }) => Record<string, unknown> | Promise<Record<string, unknown>>;
  /** Whether a reader that stops reading (not `cancel()`) also cancels the turn on the server. Default false. */
  cancelOnClientAbort?: boolean;
  /** A turn this tab did not ask for (another tab's, or offered on connect) waits for `reconnectToStream`. */
  onStreamAvailable?: () => void;
  /** The socket opened again with no reply attached: a good time to `reconnectToStream`. */
  onReconnect?: () => void;
  /** Replies attached before a disconnect ended while it lasted; the transcript may be behind. */
  onMissedEnd?: () => void;
  /** Every terminal frame, once per request id, with the text of its error frame if one came. */
  onTurnEnd?: (frame: ChatResponseFrame, error: string | undefined) => void;
  /** Transcript, message-update and clear frames, for the page's list of messages. */
  onSyncFrame?: (frame: ChatSyncFrame<M>) => void;
}

/** A `resume_request` waiting for its answer, and what to do with it. */
interface Waiter {
  probe: ResumeProbe;
  bind(id: string): TurnStream;
  none(): void;
}

type SendOptions<M extends UIMessage> = Parameters<ChatTransport<M>["sendMessages"]>[0];
type ReconnectOptions<M extends UIMessage> = Parameters<ChatTransport<M>["reconnectToStream"]>[0];

const REMEMBERED_IDS = 500;

/**
 * The AI SDK `ChatTransport` of an agent's WebSocket (docs/protocol.md#chat). `sendMessages`
 * sends a `cf_agent_use_chat_request` and returns the turn's chunks; `reconnectToStream` returns
 * a reply this tab did not ask for: one offered on connect or after a probe (the resume
 * handshake, then the replay and the live frames), another tab's seen live, or a continuation
 * after a tool result (`expectContinuation()` first). `listen()` must be called to receive frames.
 */
export class AgentChatTransport<M extends UIMessage = UIMessage> implements ChatTransport<M> {
  readonly #connection: ChatConnection;
  readonly #options: AgentChatTransportOptions<M>;
  /** Replies with a request id that this tab shows or is about to show. */
  readonly #turns = new Map<string, TurnStream>();
  /** Request ids whose frames are no longer wanted: ended, cancelled or let go. */
  readonly #finished = new Set<string>();
  readonly #reported = new Set<string>();
  readonly #errors = new Map<string, string>();
  #available: TurnStream | undefined;
  #waiter: Waiter | undefined;
  #reattach: ResumeProbe | undefined;
  #current: string | undefined;
  #continuationNext = false;
  #closedSinceOpen = false;

  constructor(connection: ChatConnection, options: AgentChatTransportOptions<M> = {}) {
    this.#connection = connection;
    this.#options = options;
  }

  /** Starts reading the socket's frames; returns the function that stops and lets every reply go. */
  listen(): () => void {
    const socket = this.#connection.socket;
    const onMessage = (event: MessageEvent) => this.#receive(event.data);
    const onClose = () => this.#disconnected();
    const onOpen = () => this.#reconnected();
    socket.addEventListener("message", onMessage);
    socket.addEventListener("close", onClose);
    socket.addEventListener("open", onOpen);
    return () => {
      socket.removeEventListener("message", onMessage);
      socket.removeEventListener("close", onClose);
      socket.removeEventListener("open", onOpen);
      this.letGo();
    };
  }

  /** Whether a reply waits for `reconnectToStream`. */
  get hasAvailableStream(): boolean {
    return this.#available !== undefined;
  }

  /** Whether a resume handshake is waiting for its answer. */
  get isProbing(): boolean {
    return this.#waiter !== undefined;
  }

  /** Whether the reply this tab shows now has not reached its end (its `finish` chunk) yet. */
  get isReplyUnfinished(): boolean {
    const turn = this.#current === undefined ? undefined : this.#turns.get(this.#current);
    return turn !== undefined && !turn.finished;
  }

  /** The next `reconnectToStream` waits for the continuation the server starts after a tool result. */
  expectContinuation(): void {
    this.#continuationNext = true;
  }

  async sendMessages(options: SendOptions<M>): Promise<ReadableStream<UIMessageChunk>> {
    const { messages, trigger, messageId } = options;
    const extra = (await this.#options.prepareBody?.({ messages, trigger, messageId })) ?? {};
    const body = JSON.stringify({ messages, trigger, ...extra, ...(options.body as object | undefined) });
    const id = shortId();
    const turn = this.#newTurn(id);
    turn.attached = true;
    this.#turns.set(id, turn);
    this.#current = id;
    this.#watchAbort(turn, options.abortSignal);
    this.#send({ type: "cf_agent_use_chat_request", id, init: { method: "POST", body } });
    return turn.stream;
  }

  async reconnectToStream(options: ReconnectOptions<M>): Promise<ReadableStream<UIMessageChunk> | null> {
    const available = this.#available;
    if (available) {
      this.#available = undefined;
      this.#current = available.id;
      this.#watchAbort(available, options.abortSignal);
      return available.stream;
    }
    if (this.#waiter) return null;
    if (this.#continuationNext) {
      // returned at once, so that the page shows the turn as submitted while the server schedules it
      this.#continuationNext = false;
      const turn = this.#newTurn(undefined);
      this.#wait((bound) => bound ?? turn.end(), turn);
      this.#watchAbort(turn, options.abortSignal);
      return turn.stream;
    }
    return new Promise((resolve) => {
      const waiter = this.#wait((bound) => {
        if (bound) this.#watchAbort(bound, options.abortSignal);
        resolve(bound?.stream ?? null);
      });
      options.abortSignal?.addEventListener("abort", () => waiter.none(), { once: true });
    });
  }

  /**
   * Cancels the turn this tab last attached to (`cf_agent_chat_request_cancel`), or stops waiting
   * for a continuation not announced yet. The reply stays as far as it got.
   */
  cancel(): void {
    const id = this.#current;
    if (id !== undefined) {
      this.#send({ type: "cf_agent_chat_request_cancel", id });
      const turn = this.#turns.get(id);
      if (turn) this.#forget(turn);
    } else {
      this.#waiter?.none();
    }
  }

  /** Lets every reply go here (the server's turns go on): ends the streams, forgets offers and probes. */
  letGo(): void {
    for (const turn of [...this.#turns.values()]) this.#forget(turn);
    this.#available = undefined;
    this.#waiter?.none();
    this.#stopReattach();
    this.#continuationNext = false;
  }

  #receive(data: unknown): void {
    const frame = parseChatFrame<M>(data);
    if (!frame) return;
    switch (frame.type) {
      case "cf_agent_use_chat_response":
        return this.#response(frame);
      case "cf_agent_stream_resuming":
        return this.#resuming(frame);
      case "cf_agent_stream_pending":
        this.#waiter?.probe.pending();
        return;
      case "cf_agent_stream_resume_none":
        return this.#resumeNone(frame);
      case "cf_agent_chat_clear":
        this.letGo();
        this.#options.onSyncFrame?.(frame);
        return;
      default:
        this.#options.onSyncFrame?.(frame);
    }
  }

  #response(frame: ChatResponseFrame): void {
    if (frame.error && !frame.done) remember(this.#errors, frame.id, frame.body);
    if (frame.done && !this.#reported.has(frame.id)) {
      remember(this.#reported, frame.id);
      const error = this.#errors.get(frame.id);
      this.#errors.delete(frame.id);
      this.#options.onTurnEnd?.(frame, error);
    }
    let turn = this.#turns.get(frame.id);
    if (!turn) {
      // a reply this tab did not ask for: its live chunks are another tab's turn or a continuation,
      // shown from their first chunk (a socket that joins mid-reply is offered it by the server)
      if (frame.replay || frame.done || frame.error || (frame.seq ?? 0) > 0 || this.#finished.has(frame.id)) return;
      turn = this.#waiter ? this.#waiter.bind(frame.id) : this.#offer(frame.id);
      turn.attached = true;
    }
    turn.feed(frame);
    if (turn.ended) this.#forget(turn);
  }

  #resuming(frame: ResumeAnswerFrame): void {
    const id = frame.id;
    if (id === undefined) return;
    const known = this.#turns.get(id);
    if (known) {
      if (!known.attached) this.#ack(known);
      if ([...this.#turns.values()].every((turn) => turn.attached)) this.#stopReattach();
      return;
    }
    this.#ack(this.#waiter ? this.#waiter.bind(id) : this.#offer(id));
  }

  #resumeNone(frame: ResumeAnswerFrame): void {
    if (this.#waiter?.probe.settledBy(frame)) this.#waiter.none();
    if (this.#reattach && frame.probeId === this.#reattach.probeId) this.#missedEnd();
  }

  /** Waits for the answer to a new probe; `settle` gets the reply it was bound to, or nothing. */
  #wait(settle: (turn: TurnStream | undefined) => void, unbound?: TurnStream): Waiter {
    const finish = (turn: TurnStream | undefined) => {
      if (this.#waiter !== waiter) return;
      waiter.probe.stop();
      this.#waiter = undefined;
      settle(turn);
    };
    const waiter: Waiter = {
      probe: this.#probe(() => finish(undefined)),
      bind: (id) => {
        const turn = unbound ?? this.#newTurn(id);
        turn.id = id;
        this.#turns.set(id, turn);
        this.#current = id;
        finish(turn);
        return turn;
      },
      none: () => finish(undefined),
    };
    this.#waiter = waiter;
    return waiter;
  }

  /** A reply nobody waits for yet, kept (its chunks queue in its stream) until `reconnectToStream`. */
  #offer(id: string): TurnStream {
    if (this.#available) this.#forget(this.#available);
    const turn = this.#newTurn(id);
    this.#turns.set(id, turn);
    this.#available = turn;
    queueMicrotask(() => this.#options.onStreamAvailable?.());
    return turn;
  }

  #ack(turn: TurnStream): void {
    turn.attached = true;
    this.#send({ type: "cf_agent_stream_resume_ack", id: turn.id });
  }

  #newTurn(id: string | undefined): TurnStream {
    const turn: TurnStream = new TurnStream(id, () => this.#forget(turn));
    return turn;
  }

  #watchAbort(turn: TurnStream, signal: AbortSignal | undefined): void {
    signal?.addEventListener(
      "abort",
      () => {
        if (this.#options.cancelOnClientAbort && turn.id !== undefined && !this.#finished.has(turn.id)) {
          this.#send({ type: "cf_agent_chat_request_cancel", id: turn.id });
        }
        this.#forget(turn);
      },
      { once: true },
    );
  }

  /** Ends a reply here and ignores the rest of its frames. */
  #forget(turn: TurnStream): void {
    turn.end();
    if (turn.id === undefined) return;
    remember(this.#finished, turn.id);
    if (this.#turns.get(turn.id) === turn) this.#turns.delete(turn.id);
    if (this.#current === turn.id) this.#current = undefined;
  }

  #disconnected(): void {
    this.#closedSinceOpen = true;
    for (const turn of this.#turns.values()) turn.attached = false;
  }

  #reconnected(): void {
    if (!this.#closedSinceOpen) return;
    this.#closedSinceOpen = false;
    const waiter = this.#waiter;
    if (waiter) {
      waiter.probe.stop();
      waiter.probe = this.#probe(() => waiter.none());
    }
    if (this.#turns.size > 0) {
      this.#stopReattach();
      this.#reattach = this.#probe(() => this.#missedEnd());
    } else if (!waiter) {
      this.#options.onReconnect?.();
    }
  }

  /** The replies this tab showed before a disconnect ended meanwhile. */
  #missedEnd(): void {
    this.#stopReattach();
    const missed = [...this.#turns.values()].filter((turn) => !turn.attached);
    for (const turn of missed) this.#forget(turn);
    if (missed.length > 0) this.#options.onMissedEnd?.();
  }

  #stopReattach(): void {
    this.#reattach?.stop();
    this.#reattach = undefined;
  }

  #probe(onTimeout: () => void): ResumeProbe {
    return new ResumeProbe((frame) => this.#send(frame), onTimeout);
  }

  #send(frame: object): void {
    this.#connection.send(JSON.stringify(frame));
  }
}

/** Adds to a set or map that keeps only the latest entries. */
function remember<V>(store: Set<string> | Map<string, V>, id: string, value?: V): void {
  if (store instanceof Set) store.add(id);
  else store.set(id, value as V);
  if (store.size > REMEMBERED_IDS) store.delete(store.keys().next().value as string);
}
