/** The chat frames of docs/protocol.md#chat that the chat hook reads and writes. */
import type { UIMessage } from "ai";

/** `cf_agent_use_chat_response`: one chunk of a reply, an error, the end of a replay, or the end of a turn. */
export interface ChatResponseFrame {
  type: "cf_agent_use_chat_response";
  /** The request id (a continuation's is made by the server). */
  id: string;
  /** A chunk as JSON text, an error's text, or empty. */
  body: string;
  done: boolean;
  seq?: number;
  error?: boolean;
  continuation?: boolean;
  replay?: boolean;
  replayComplete?: boolean;
  messageIds?: string[];
  outcome?: "aborted" | "error" | "skipped" | "completed" | "recovering";
}

/** `cf_agent_stream_resuming`, `_pending` and `_resume_none`: the server's side of the resume handshake. */
export interface ResumeAnswerFrame {
  type: "cf_agent_stream_resuming" | "cf_agent_stream_pending" | "cf_agent_stream_resume_none";
  id?: string;
  probeId?: string;
  reason?: "idle" | "continuation-owned";
}

/** `cf_agent_chat_messages` from the server: the whole stored transcript. */
export interface TranscriptFrame<M extends UIMessage = UIMessage> {
  type: "cf_agent_chat_messages";
  messages: M[];
}

/** `cf_agent_message_updated`: one stored message changed (a tool result or an approval was applied). */
export interface MessageUpdatedFrame<M extends UIMessage = UIMessage> {
  type: "cf_agent_message_updated";
  message: M;
}

/** `cf_agent_chat_clear` from the server: another tab deleted the conversation. */
export interface ClearFrame {
  type: "cf_agent_chat_clear";
}

/** A frame from the server that the chat hook handles. */
export type ChatServerFrame<M extends UIMessage = UIMessage> =
  ChatResponseFrame | ResumeAnswerFrame | TranscriptFrame<M> | MessageUpdatedFrame<M> | ClearFrame;

const SERVER_TYPES = new Set([
  "cf_agent_use_chat_response",
  "cf_agent_stream_resuming",
  "cf_agent_stream_pending",
  "cf_agent_stream_resume_none",
  "cf_agent_chat_messages",
  "cf_agent_message_updated",
  "cf_agent_chat_clear",
]);

/** The chat frame in a WebSocket message, or `undefined` for anything else (binary, not JSON, other types). */
export function parseChatFrame<M extends UIMessage = UIMessage>(data: unknown): ChatServerFrame<M> | undefined {
  if (typeof data !== "string" || !data.startsWith("{")) return undefined;
  try {
    const frame = JSON.parse(data) as { type?: unknown };
    return typeof frame.type === "string" && SERVER_TYPES.has(frame.type) ? (frame as ChatServerFrame<M>) : undefined;
  } catch {
    return undefined;
  }
}
