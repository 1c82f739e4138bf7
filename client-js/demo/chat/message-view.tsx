import type { UIMessage } from "ai";
import { isToolPart, type Part } from "./parts";
import { ToolCard } from "./tool-card";
import { TypingDots } from "./typing-dots";

interface Props {
  message: UIMessage;
  /** Whether this message is the reply being streamed now. */
  streaming: boolean;
  onApproval: (approvalId: string, approved: boolean) => void;
}

/** {@return whether the page shows anything for the part} */
function isShown(p: Part): boolean {
  return (
    (p.type === "text" && p.text !== "") ||
    p.type === "reasoning" ||
    p.type === "file" ||
    p.type === "source-url" ||
    isToolPart(p)
  );
}

/**
 * One message of the transcript: a bubble per text part, a card per tool call; typing dots for a
 * reply that has nothing to show yet, nothing for a finished one with nothing to show.
 */
export function MessageView({ message, streaming, onApproval }: Props) {
  const shown = message.parts.some(isShown);
  if (!shown && !streaming) return null;
  const lastShown = message.parts.findLastIndex(isShown);
  const part = (p: Part, i: number) => {
    if (p.type === "text") {
      if (!p.text) return null;
      const caret = streaming && i === lastShown;
      return (
        <div key={i} className={caret ? "bubble streaming" : "bubble"} data-testid="message-text">
          {p.text}
        </div>
      );
    }
    if (p.type === "reasoning") {
      return (
        <details key={i} className="reasoning">
          <summary>Reasoning</summary>
          {p.text}
        </details>
      );
    }
    if (isToolPart(p)) {
      return <ToolCard key={p.toolCallId} part={p} onApproval={onApproval} />;
    }
    if (p.type === "file" || p.type === "source-url") {
      return (
        <a key={i} className="attachment" href={p.url} target="_blank" rel="noreferrer">
          {p.type === "file" ? (p.filename ?? p.mediaType) : (p.title ?? p.url)}
        </a>
      );
    }
    return null; // step-start, data parts, sources without a link: nothing to show
  };
  return (
    <article
      className={`message message-${message.role}`}
      data-testid="chat-message"
      data-role={message.role}
      data-streaming={streaming || undefined}
    >
      {message.role === "assistant" && (
        <span className="avatar" aria-hidden="true">
          AB
        </span>
      )}
      <div className="message-body">
        <span className="visually-hidden">{message.role === "user" ? "You:" : "Assistant:"}</span>
        {shown ? message.parts.map(part) : <TypingDots />}
      </div>
    </article>
  );
}
