import { useChat } from "./use-chat";
import { Transcript } from "./transcript";
import { Composer } from "./composer";

interface Props {
  /** The `AssistantAgent` instance that holds the conversation. */
  name: string;
  title: string;
  /** Called when the user sends a message: `first` if the conversation was empty. */
  onSent: (text: string, first: boolean) => void;
}

/** One conversation: its header, the transcript and the composer. */
export function ChatPanel({ name, title, onSent }: Props) {
  const { messages, sendMessage, status, stop, clearHistory, addToolApprovalResponse, isStreaming, error, connected } =
    useChat(name);
  const busy = isStreaming || status === "submitted";

  const send = (text: string) => {
    onSent(text, messages.length === 0);
    void sendMessage({ text });
  };

  return (
    <section className="chat-panel" data-testid="chat-panel" data-conversation={name} data-status={status}>
      <header className="chat-head">
        <div className="chat-title">
          <h3 data-testid="chat-title">{title || "New conversation"}</h3>
          {busy ? (
            <span className="answering" data-testid="chat-answering">
              answering
            </span>
          ) : (
            <span className={connected ? "dot dot-on" : "dot"} data-testid="chat-connection">
              <span className="dot-label">{connected ? "connected" : "connecting…"}</span>
            </span>
          )}
        </div>
        <button
          className="btn btn-ghost btn-small"
          data-testid="chat-clear"
          disabled={messages.length === 0 && !busy}
          onClick={clearHistory}
          title="Delete this conversation's messages, here and in every tab"
        >
          Clear
        </button>
      </header>
      <Transcript
        messages={messages}
        busy={busy}
        onSuggestion={send}
        onApproval={(id, approved) => addToolApprovalResponse({ id, approved })}
      />
      {error && (
        <p className="chat-error" role="alert" data-testid="chat-error">
          {error.message || "The reply failed."}
        </p>
      )}
      <Composer busy={busy} onSend={send} onStop={() => void stop()} />
    </section>
  );
}
