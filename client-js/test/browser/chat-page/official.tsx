import { StrictMode, Suspense } from "react";
import { createRoot } from "react-dom/client";
import { useAgent } from "agents/react";
import { useAgentChat } from "agents/chat/react";
import { ChatView, answerToolCall, clientTools, type ChatHook } from "./chat-view";

/** The Agents SDK's own hooks (`agents/react`, `agents/chat/react`). Query: `name`; the agents are on the page's origin. */
const params = new URLSearchParams(window.location.search);

function Chat() {
  const agent = useAgent({ agent: "AssistantAgent", name: params.get("name") ?? "" });
  const chat = useAgentChat({ agent, tools: clientTools, onToolCall: answerToolCall });
  return <ChatView hook={chat as unknown as ChatHook} label="Agents SDK useAgentChat" />;
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <Suspense fallback={<p>loading</p>}>
      <Chat />
    </Suspense>
  </StrictMode>,
);
