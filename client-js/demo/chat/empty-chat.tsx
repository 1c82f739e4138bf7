/** Things to try, each showing one feature of the chat. */
const SUGGESTIONS = [
  { text: "What time is it?", hint: "calls the getTime tool" },
  { text: "slow 150 40 Reload while I answer", hint: "a slow reply: reload mid-way" },
  { text: "/locate", hint: "a tool this page runs" },
  { text: "/delete notes.txt", hint: "a tool that asks you first" },
];

/** The empty conversation: what this is, and a few things to try. */
export function EmptyChat({ onSuggestion }: { onSuggestion: (text: string) => void }) {
  return (
    <div className="empty-chat" data-testid="chat-empty">
      <div className="empty-mark" aria-hidden="true">
        <svg viewBox="0 0 24 24" width="28" height="28">
          <path
            d="M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.2 3.6c-.5.4-1.3.1-1.3-.6V16A2.5 2.5 0 0 1 4 13.5z"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.6"
            strokeLinejoin="round"
          />
        </svg>
      </div>
      <h3>Start a conversation</h3>
      <p>
        Replies stream token by token from an <code>AssistantAgent</code> instance. Open this page in a second tab to
        watch it there too.
      </p>
      <ul className="suggestions">
        {SUGGESTIONS.map((s) => (
          <li key={s.text}>
            <button className="suggestion" onClick={() => onSuggestion(s.text)}>
              <span className="suggestion-text">{s.text}</span>
              <span className="suggestion-hint">{s.hint}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
