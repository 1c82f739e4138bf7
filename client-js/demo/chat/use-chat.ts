// The chat hook, named in this file alone: the package's own `agentbus/chat`, whose API is the
// Agents SDK's (the SDK's hook runs the same page: swap the two imports for `agents/react` and
// `agents/chat/react`).
import { useAgent } from "agentbus/react";
import { useAgentChat } from "agentbus/chat";
import { clientTools, runClientTool } from "./client-tools";

/** The demo's chat agent (`AssistantAgent` in agent-verticles): one instance per conversation. */
export const ASSISTANT_AGENT = "AssistantAgent";

/**
 * Connects to the conversation held by the `AssistantAgent` instance `name`: its transcript,
 * streamed replies (resumed after a reload, shared live with every tab on it), and the hook's
 * `sendMessage`, `stop`, `clearHistory`, with the page's own tools. Suspends until the stored
 * transcript has loaded.
 */
export function useChat(name: string) {
  const agent = useAgent({ agent: ASSISTANT_AGENT, name });
  const chat = useAgentChat({ agent, tools: clientTools, onToolCall: runClientTool });
  return { ...chat, connected: agent.identified };
}

/** What `useChat` returns. */
export type Chat = ReturnType<typeof useChat>;
