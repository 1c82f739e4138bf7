import type { ChatModel } from "./use-chat-model";

/** Says which model answers: the stand-in says it is one. */
export function ModelBadge({ model }: { model: ChatModel | null | undefined }) {
  if (model === undefined) return null;
  if (model === null) {
    return <span className="badge">model unknown</span>;
  }
  if (model.standIn) {
    return (
      <span
        className="badge badge-standin"
        data-testid="chat-model"
        title="The application runs without a real model: replies echo what you write. Set chat.provider in its configuration (or AGENTBUS_CHAT_PROVIDER) to use one."
      >
        stand-in model (offline, deterministic)
      </span>
    );
  }
  return (
    <span className="badge badge-model" data-testid="chat-model">
      {model.provider}
      {model.model ? ` · ${model.model}` : ""}
    </span>
  );
}
