import { AgentClient } from "agentbus/client";
import { ASSISTANT_AGENT } from "./use-chat";

/**
 * Deletes a conversation's messages, as the chat hook's `clearHistory()` does, for a conversation
 * the page does not show: a short connection to its instance sends the chat's clear frame
 * (docs/protocol.md, "Clear"), which also empties the tabs that show it. The server answers a clear
 * with nothing, so a call of a method the agent does not have follows it: its answer (an error)
 * comes once the instance has handled the frames before it, and the connection can close.
 */
export function clearConversation(name: string): Promise<void> {
  return new Promise((resolve) => {
    const client: AgentClient = new AgentClient({
      agent: ASSISTANT_AGENT,
      name,
      onIdentity: () => {
        client.send(JSON.stringify({ type: "cf_agent_chat_clear" }));
        client
          .call("afterClear")
          .catch(() => undefined)
          .finally(() => {
            client.close();
            resolve();
          });
      },
    });
  });
}
