// The chat hook, named in this file alone. Until the agentbus package ships its own (`agentbus/chat`,
// the same API), the page runs the Agents SDK's: switching is the two imports below.
import { useAgent } from "agents/react";
import { useAgentChat } from "agents/chat/react";
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
