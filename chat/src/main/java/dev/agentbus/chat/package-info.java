/**
 * Chat agents and their models. {@link dev.agentbus.chat.ChatAgent} speaks the chat protocol of the
 * SDK's {@code useAgentChat} hook (docs/protocol.md, "Chat"): the transcript in the instance's
 * database, each request answered by a streamed {@link dev.agentbus.chat.ChatReply} that every
 * socket sees and that resumes exactly once after a reconnect or a restart, the agent's server
 * tools (LangChain4j's {@code @Tool}, {@link dev.agentbus.chat.NeedsApproval}) and the page's
 * client tools, {@code GET .../get-messages}.
 *
 * <p>Chat models: {@link dev.agentbus.chat.ChatModelOptions} configures one, {@link
 * dev.agentbus.chat.NodeChatModel#create(io.vertx.core.Vertx, ChatModelOptions)} builds it once per
 * node — a LangChain4j {@code StreamingChatModel} for an OpenAI-compatible server, for Anthropic,
 * or the built-in deterministic stand-in — and every instance of the node shares it.
 *
 * <p>Nothing in this package is {@code null} unless marked {@link
 * org.jspecify.annotations.Nullable} (JSpecify).
 */
@NullMarked
package dev.agentbus.chat;

import org.jspecify.annotations.NullMarked;
