import { useLayoutEffect, useRef } from "react";
import type { UIMessage } from "ai";
import { MessageView } from "./message-view";
import { EmptyChat } from "./empty-chat";
import { TypingDots } from "./typing-dots";

interface Props {
  messages: UIMessage[];
  /** Whether a reply is on its way (sent, or streaming here or for another tab). */
  busy: boolean;
  onSuggestion: (text: string) => void;
  onApproval: (approvalId: string, approved: boolean) => void;
}

/** How close to the bottom counts as "following the conversation", in pixels. */
const FOLLOW_SLACK = 80;

/**
 * The conversation, oldest first, kept scrolled to the newest text while the reader is at the
 * bottom (scrolling up to read stops that until they come back down).
 */
export function Transcript({ messages, busy, onSuggestion, onApproval }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const following = useRef(true);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && following.current) element.scrollTop = element.scrollHeight;
  });

  const onScroll = () => {
    const element = scroller.current;
    if (element) {
      following.current = element.scrollHeight - element.scrollTop - element.clientHeight < FOLLOW_SLACK;
    }
  };

  const last = messages.at(-1);
  const waiting = busy && last?.role !== "assistant";
  return (
    <div
      className="transcript"
      ref={scroller}
      onScroll={onScroll}
      data-testid="chat-transcript"
      aria-live="polite"
      aria-busy={busy}
    >
      {messages.length === 0 && !busy ? (
        <EmptyChat onSuggestion={onSuggestion} />
      ) : (
        <div className="messages">
          {messages.map((message) => (
            <MessageView
              key={message.id}
              message={message}
              streaming={busy && message === last && message.role === "assistant"}
              onApproval={onApproval}
            />
          ))}
          {waiting && (
            <div className="message message-assistant">
              <span className="avatar" aria-hidden="true">
                AB
              </span>
              <TypingDots />
            </div>
          )}
        </div>
      )}
    </div>
  );
}
