package dev.agentbus.bench.chat;

import dev.agentbus.chat.ChatAgent;

/**
 * The chat benchmark's agent ({@code /agents/bench-chat-agent/{name}}): {@link ChatAgent} as it is,
 * the node's model answering the whole transcript, with no system prompt and no tools.
 */
public class BenchChatAgent extends ChatAgent<Void> {

  /** Made by the runtime. */
  public BenchChatAgent() {}
}
