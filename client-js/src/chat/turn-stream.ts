import type { UIMessageChunk } from "ai";
import type { ChatResponseFrame } from "./frames.js";

/**
 * One turn's reply as the AI SDK reads it: a `ReadableStream` of UI-message chunks, fed with the
 * turn's `cf_agent_use_chat_response` frames. A chunk whose `seq` was already applied is skipped,
 * so a replay after a reconnect (or a second ack) adds nothing twice; an error frame becomes an
 * `error` chunk (after the chunks before it), and the terminal frame closes the stream.
 *
 * A stream may start without a request id (a continuation the server has not announced yet) and
 * be bound to one later.
 */
export class TurnStream {
  readonly stream: ReadableStream<UIMessageChunk>;
  /** The request id, once known. */
  id: string | undefined;
  /** Whether this socket receives the turn's frames (it sent the request, acked it, or saw it live). */
  attached = false;
  /** Whether the reply is complete (its `finish` chunk or its end was seen). */
  finished = false;
  #controller!: ReadableStreamDefaultController<UIMessageChunk>;
  #lastSeq = -1;
  #ended = false;

  /** @param onCancel called when the reader cancels the stream (the AI SDK's `stop()`) */
  constructor(id: string | undefined, onCancel: () => void = () => {}) {
    this.id = id;
    this.stream = new ReadableStream<UIMessageChunk>({
      start: (controller) => {
        this.#controller = controller;
      },
      cancel: () => {
        this.#ended = true;
        onCancel();
      },
    });
  }

  get ended(): boolean {
    return this.#ended;
  }

  /** Applies one frame of the turn. */
  feed(frame: ChatResponseFrame): void {
    if (this.#ended) return;
    if (frame.seq !== undefined) {
      if (frame.seq <= this.#lastSeq) return;
      this.#lastSeq = frame.seq;
    }
    if (frame.error) {
      this.#enqueue({ type: "error", errorText: frame.body || "Stream error" });
      this.end();
      return;
    }
    const chunk = parseChunk(frame.body);
    if (chunk) {
      if (chunk.type === "finish") this.finished = true;
      this.#enqueue(chunk);
    }
    if (frame.done) this.end();
  }

  /** Ends the stream here, keeping what was read (a turn cancelled, cleared, or that ended unseen). */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.finished = true;
    try {
      this.#controller.close();
    } catch {
      // already closed by the reader
    }
  }

  #enqueue(chunk: UIMessageChunk): void {
    try {
      this.#controller.enqueue(chunk);
    } catch {
      this.#ended = true;
    }
  }
}

function parseChunk(body: string): UIMessageChunk | undefined {
  const text = body?.trim();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as UIMessageChunk;
  } catch {
    return undefined;
  }
}
