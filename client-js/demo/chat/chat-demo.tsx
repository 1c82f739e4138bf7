import { Suspense, useState } from "react";
import "./chat.css";
import { ChatPanel } from "./chat-panel";
import { clearConversation } from "./delete-conversation";
import { ConversationList } from "./conversation-list";
import { ModelBadge } from "./model-badge";
import { useChatModel } from "./use-chat-model";
import { useConversations } from "./use-conversations";
import { lastConversation, newConversationName, rememberConversation, userId } from "./user";

/**
 * The chat: several conversations per user, each its own `AssistantAgent` instance, listed by the
 * user's `ConversationsAgent` instance so that the list follows them to any tab or device.
 */
export function ChatDemo() {
  const [user] = useState(userId);
  const [current, setCurrent] = useState(() => lastConversation(user) ?? newConversationName(user));
  const { conversations, noteMessage, remove } = useConversations(user);
  const model = useChatModel();

  const show = (name: string) => {
    rememberConversation(user, name);
    setCurrent(name);
  };
  /** Deletes a conversation: its messages (in every tab that shows it), then its entry. */
  const onDelete = (name: string) => {
    if (name === current) show(newConversationName(user));
    clearConversation(name)
      .then(() => remove(name))
      .catch((e: unknown) => console.warn("The conversation was not deleted:", e));
  };
  const title = conversations.find((c) => c.name === current)?.title ?? "";

  return (
    <section className="card chat-card" aria-labelledby="chat-heading">
      <header className="card-head">
        <div>
          <h2 id="chat-heading">Chat</h2>
          <p className="card-lede">
            An <code>AssistantAgent</code> per conversation, with <code>useAgentChat</code>.
          </p>
        </div>
        <ModelBadge model={model} />
      </header>
      <div className="chat-layout">
        <aside className="chat-sidebar">
          <ConversationList
            conversations={conversations}
            current={current}
            onSelect={show}
            onNew={() => show(newConversationName(user))}
            onDelete={onDelete}
          />
          <p className="user-note" data-testid="user-id">
            You are <code>{user}</code>, a random id kept in this browser (localStorage). Your list lives in a{" "}
            <code>ConversationsAgent</code>: open <a href={`?user=${encodeURIComponent(user)}`}>this link</a> on another
            device to see it there.
          </p>
        </aside>
        <Suspense fallback={<div className="chat-panel chat-loading">Loading the conversation…</div>}>
          <ChatPanel
            key={current}
            name={current}
            title={title}
            onSent={(text, first) => {
              rememberConversation(user, current);
              noteMessage(current, text, first);
            }}
          />
        </Suspense>
      </div>
    </section>
  );
}
