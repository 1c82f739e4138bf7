/** One entry of a user's list: `ConversationsAgent.Conversation` in agent-verticles. */
export interface Conversation {
  /** The `AssistantAgent` instance that holds the conversation. */
  name: string;
  /** The first thing the user wrote in it; may be empty. */
  title: string;
  /** When it was last used, in milliseconds since the epoch. */
  updatedAt: number;
}

/** The state of a `ConversationsAgent` instance: one user's conversations, most recent first. */
export interface Conversations {
  conversations: Conversation[];
}

/** `ConversationsAgent`'s callable methods, as the client sees them. */
export interface ConversationsApi {
  add(name: string, title: string): Conversation;
  touch(name: string): Conversation;
  rename(name: string, title: string): Conversation;
  remove(name: string): boolean;
}
