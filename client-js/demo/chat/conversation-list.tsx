import type { Conversation } from "./conversations";

interface Props {
  conversations: Conversation[];
  /** The conversation shown. */
  current: string;
  onSelect: (name: string) => void;
  onNew: () => void;
  onDelete: (name: string) => void;
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: "auto", style: "short" });

function ago(time: number): string {
  const seconds = Math.round((time - Date.now()) / 1000);
  if (seconds > -45) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes > -60) return relative.format(minutes, "minute");
  const hours = Math.round(minutes / 60);
  if (hours > -24) return relative.format(hours, "hour");
  return relative.format(Math.round(hours / 24), "day");
}

/** The user's conversations, most recent first, each with a delete button, and a button for a new one. */
export function ConversationList({ conversations, current, onSelect, onNew, onDelete }: Props) {
  const draft = !conversations.some((c) => c.name === current);
  return (
    <nav className="conversations" aria-label="Conversations">
      <div className="conversations-head">
        <h3>Conversations</h3>
        <button className="btn btn-small" data-testid="new-conversation" onClick={onNew} disabled={draft}>
          <span aria-hidden="true">+</span> New
        </button>
      </div>
      <ul className="conversation-items" data-testid="conversation-list">
        {draft && (
          <li>
            <span className="conversation-item draft" aria-current="true" data-testid="conversation-draft">
              <span className="conversation-title">New conversation</span>
              <span className="conversation-time">not started</span>
            </span>
          </li>
        )}
        {conversations.map((c) => (
          <li key={c.name} className="conversation-row">
            <button
              className="conversation-item"
              data-testid="conversation-item"
              data-name={c.name}
              aria-current={c.name === current || undefined}
              onClick={() => onSelect(c.name)}
            >
              <span className="conversation-title">{c.title || "Untitled"}</span>
              <span className="conversation-time">{ago(c.updatedAt)}</span>
            </button>
            <button
              className="conversation-remove"
              data-testid="conversation-delete"
              aria-label={`Delete “${c.title || "Untitled"}”`}
              title="Delete this conversation"
              onClick={() => onDelete(c.name)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
