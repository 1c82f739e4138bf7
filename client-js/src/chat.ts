/**
 * `agentbus/chat`: chat with a chat agent (`ChatAgent`) from React, on the AI SDK's `useChat`.
 *
 * - `useAgentChat`: the hook, on the connection of `useAgent` (`agentbus/react`).
 * - `AgentChatTransport`: the AI SDK `ChatTransport` of an agent's WebSocket, for `useChat` or `Chat` directly.
 * - `getAgentMessages`: a chat agent's stored conversation.
 */
export { useAgentChat } from "./chat/use-agent-chat.js";
export type {
  UseAgentChatOptions,
  UseAgentChat,
  AddToolOutputOptions,
  OnToolCall,
  ChatTurnEndEvent,
} from "./chat/use-agent-chat.js";
export { AgentChatTransport } from "./chat/agent-chat-transport.js";
export type { AgentChatTransportOptions, ChatConnection, ChatSyncFrame } from "./chat/agent-chat-transport.js";
export { getAgentMessages } from "./chat/initial-messages.js";
export type { AgentMessagesSource } from "./chat/initial-messages.js";
export { clientToolSchemas } from "./chat/client-tools.js";
export type { AITool, ClientToolSchema } from "./chat/client-tools.js";
export type { ChatResponseFrame } from "./chat/frames.js";
