import { isToolUIPart, type UIMessage } from "ai";

/**
 * The page's list after the server's whole transcript: the transcript, plus the reply this tab is
 * streaming if the transcript does not have it yet (docs/protocol.md#the-transcript).
 */
export function withTranscript<M extends UIMessage>(local: M[], transcript: M[], streaming: boolean): M[] {
  const last = local.at(-1);
  if (streaming && last?.role === "assistant" && !transcript.some((message) => message.id === last.id)) {
    return [...transcript, last];
  }
  return transcript;
}

/**
 * The page's list after `cf_agent_message_updated`: the message with the same id, or failing
 * that the one holding one of its tool calls, replaced (keeping its own id).
 */
export function withUpdatedMessage<M extends UIMessage>(local: M[], updated: M): M[] {
  let index = local.findIndex((message) => message.id === updated.id);
  if (index < 0) {
    const calls = new Set(toolCallIds(updated));
    index = local.findIndex((message) => toolCallIds(message).some((id) => calls.has(id)));
  }
  if (index < 0) return local;
  const next = [...local];
  next[index] = { ...updated, id: local[index]!.id };
  return next;
}

/** The tool part of the call `toolCallId`, if a message has one. */
export function findToolPart<M extends UIMessage>(messages: M[], match: (part: ToolPart) => boolean) {
  for (const message of messages) {
    for (const part of message.parts) {
      if (isToolUIPart(part) && match(part as ToolPart)) return part as ToolPart;
    }
  }
  return undefined;
}

/** What the hook reads of a tool part. */
export interface ToolPart {
  type: string;
  toolCallId: string;
  state: string;
  input?: unknown;
  approval?: { id: string; approved?: boolean };
}

function toolCallIds(message: UIMessage): string[] {
  return message.parts.filter(isToolUIPart).map((part) => part.toolCallId);
}
