import { useCallback } from "react";
import { useAgent } from "agentbus/react";
import type { Conversation, Conversations, ConversationsApi } from "./conversations";

/** The agent that lists a user's conversations (`ConversationsAgent` in agent-verticles). */
const CONVERSATIONS_AGENT = "ConversationsAgent";

/**
 * The user's conversations, live from their `ConversationsAgent` instance (so every tab and device
 * of the user sees the same list), and the calls that change it.
 */
export function useConversations(user: string) {
  const { state, identified, stub } = useAgent<Conversations, ConversationsApi>({
    agent: CONVERSATIONS_AGENT,
    name: user,
  });
  const conversations: Conversation[] = state?.conversations ?? [];

  /** Lists a conversation the user just wrote in: first time with its title, then moved up. */
  const noteMessage = useCallback(
    (name: string, text: string, first: boolean) => {
      const listed = state?.conversations.some((c) => c.name === name) ?? false;
      const done = first || !listed ? stub.add(name, text) : stub.touch(name);
      done.catch((e: unknown) => console.warn("The conversation list was not updated:", e));
    },
    [state, stub],
  );

  const remove = useCallback((name: string) => stub.remove(name), [stub]);

  return { conversations, loaded: state !== undefined, connected: identified, noteMessage, remove };
}
