import { useEffect } from "react";
import { isToolUIPart, type UIMessage } from "ai";

/**
 * The chat pages of chat-hooks.test.ts: one view for both hooks (the Agents SDK's and ours), so
 * that the same scenarios drive them. The test reads `window.chatView` and acts through
 * `window.chat`; the page also renders the conversation, for screenshots.
 */

/** What a test reads: each message as its role, id, text and tool parts, and the hook's status. */
export interface ChatViewState {
  status: string;
  messages: Array<{
    id: string;
    role: string;
    text: string;
    tools: Array<{ type: string; state: string; output?: unknown }>;
  }>;
  /** Every assistant text length this page rendered, in order (to tell a live stream from a late transcript). */
  seenLengths: number[];
}

/** What a test does. */
export interface ChatActions {
  send(text: string): void;
  stop(): void;
  clear(): void;
  /** Answers the first tool approval that waits. */
  approve(approved: boolean): void;
}

declare global {
  interface Window {
    chatView: ChatViewState;
    chat: ChatActions;
  }
}

/** The subset of both hooks' results that the view uses. */
export interface ChatHook {
  messages: UIMessage[];
  status: string;
  sendMessage: (message: { text: string }) => Promise<void>;
  stop: () => void | Promise<void>;
  clearHistory: () => void;
  addToolApprovalResponse: (response: { id: string; approved: boolean }) => void | PromiseLike<void>;
}

/** The client tool the pages offer, and how they answer it. */
export const clientTools = {
  getLocation: {
    description: "Where the user is",
    parameters: { type: "object" as const, properties: {} },
    execute: () => ({ city: "Lyon" }),
  },
};

export function answerToolCall({
  toolCall,
  addToolOutput,
}: {
  toolCall: { toolCallId: string; toolName: string };
  addToolOutput: (output: { toolCallId: string; output: unknown }) => void;
}) {
  if (toolCall.toolName === "getLocation") addToolOutput({ toolCallId: toolCall.toolCallId, output: { city: "Lyon" } });
}

window.chatView = { status: "loading", messages: [], seenLengths: [] };

function textOf(message: UIMessage): string {
  return message.parts.map((part) => (part.type === "text" ? part.text : "")).join("");
}

export function ChatView({ hook, label }: { hook: ChatHook; label: string }) {
  const messages = hook.messages.map((message) => ({
    id: message.id,
    role: message.role,
    text: textOf(message),
    parts: message.parts.map((part) => part.type),
    tools: message.parts
      .filter(isToolUIPart)
      .map((part) => ({ type: part.type, state: part.state, ...("output" in part ? { output: part.output } : {}) })),
  }));
  const lastAssistant = messages.findLast((message) => message.role === "assistant");
  const seen = window.chatView.seenLengths;
  if (lastAssistant && seen.at(-1) !== lastAssistant.text.length) seen.push(lastAssistant.text.length);
  window.chatView = { status: hook.status, messages, seenLengths: seen };

  useEffect(() => {
    window.chat = {
      send: (text) => void hook.sendMessage({ text }),
      stop: () => void hook.stop(),
      clear: () => hook.clearHistory(),
      approve: (approved) => {
        for (const message of hook.messages) {
          for (const part of message.parts) {
            if (isToolUIPart(part) && part.state === "approval-requested") {
              void hook.addToolApprovalResponse({ id: part.approval.id, approved });
              return;
            }
          }
        }
      },
    };
  });

  return (
    <main>
      <h1>{label}</h1>
      <p data-testid="status">{hook.status}</p>
      <ol>
        {messages.map((message) => (
          <li key={message.id} data-role={message.role}>
            <b>{message.role}</b> {message.text}{" "}
            {message.tools.map((tool) => `[${tool.type}: ${tool.state}]`).join(" ")}
          </li>
        ))}
      </ol>
    </main>
  );
}
