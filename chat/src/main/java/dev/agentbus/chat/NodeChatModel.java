package dev.agentbus.chat;

import dev.agentbus.chat.impl.ChatModelFactory;
import dev.langchain4j.model.chat.StreamingChatModel;
import io.vertx.core.Vertx;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The chat model of a node: a LangChain4j {@link StreamingChatModel} built from {@link
 * ChatModelOptions}, once per node, and shared by every instance (it keeps no state of a
 * conversation; each call carries its messages).
 *
 * <pre>{@code
 * NodeChatModel model = NodeChatModel.create(vertx, new ChatModelOptions(config));
 * model.chat(ChatRequest.builder().messages(messages).build(), handler);
 * }</pre>
 *
 * <p>{@code chat} returns at once; the handler's methods are called later, one after another, on a
 * thread that is not the caller's (a virtual thread: a handler may block, which slows the reply
 * down as a slow reader slows a server): {@code onPartialResponse} for each piece of text, {@code
 * onPartialToolCall} for each piece of a tool call's arguments and {@code onCompleteToolCall} once
 * a call is whole, then exactly one of {@code onCompleteResponse} and {@code onError}. An error of
 * the model server ends in {@code onError} with a {@link ChatModelException} that says which model
 * failed and why. The partial callbacks with a context carry a {@code StreamingHandle}: after its
 * {@code cancel()} the reply stops and nothing more is called.
 *
 * <p>Real models speak HTTP through the JDK's client ({@code java.net.http}), their streams read on
 * virtual threads; the stand-in streams its replies from a virtual thread of its own.
 */
public interface NodeChatModel extends StreamingChatModel {

  /** The name of the stand-in model, as it appears in logs and on pages. */
  String STAND_IN_NAME = "AgentBus stand-in model (no model configured)";

  /**
   * The model the options describe, its API key (if any) read from the process environment.
   *
   * @param vertx the node's Vert.x instance (the stand-in paces its replies with its timers)
   * @param options which model
   * @return the model; build it once per node and share it
   * @throws IllegalArgumentException naming the key, if the options do not describe a usable model:
   *     no {@code model} for a real provider, no {@code apiKeyEnv} where a key is needed, a
   *     variable that is not set, or keys the stand-in does not take
   */
  static NodeChatModel create(Vertx vertx, ChatModelOptions options) {
    return create(vertx, options, System::getenv);
  }

  /**
   * The model the options describe, its API key (if any) read through {@code environment}.
   *
   * @param vertx the node's Vert.x instance
   * @param options which model
   * @param environment the value of an environment variable by name, or {@code null} if it is not
   *     set (tests pass a map's {@code get})
   * @return the model; build it once per node and share it
   * @throws IllegalArgumentException as {@link #create(Vertx, ChatModelOptions)}
   */
  static NodeChatModel create(
      Vertx vertx, ChatModelOptions options, Function<String, @Nullable String> environment) {
    return ChatModelFactory.create(vertx, options, environment);
  }

  /**
   * {@return what answers, for logs and pages: e.g. {@code openai model gpt-4o-mini at
   * https://api.openai.com/v1}, or {@value dev.agentbus.chat.NodeChatModel#STAND_IN_NAME}}
   */
  String name();

  /** {@return whether this is the built-in stand-in model rather than a real one} */
  boolean isStandIn();
}
