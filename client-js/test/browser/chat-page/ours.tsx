import { StrictMode, Suspense } from "react";
import { createRoot } from "react-dom/client";
import { useAgent } from "agentbus/react";
import { useAgentChat } from "agentbus/chat";
import { ChatView, answerToolCall, clientTools, type ChatHook } from "./chat-view";

/** AgentBus's hooks (`agentbus/react`, `agentbus/chat`). Query: `name`; the agents are on the page's origin. */
const params = new URLSearchParams(window.location.search);

function Chat() {
  const agent = useAgent({ agent: "AssistantAgent", name: params.get("name") ?? "" });
  const chat = useAgentChat({ agent, tools: clientTools, onToolCall: answerToolCall });
  return <ChatView hook={chat as unknown as ChatHook} label="agentbus/chat useAgentChat" />;
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <Suspense fallback={<p>loading</p>}>
      <Chat />
    </Suspense>
  </StrictMode>,
);
