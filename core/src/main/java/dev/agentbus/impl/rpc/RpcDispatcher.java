package dev.agentbus.impl.rpc;

import dev.agentbus.StreamCancelledException;
import dev.agentbus.impl.json.JsonValues;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletionStage;

/**
 * Answers {@code rpc} frames for one instance: finds the callable method, maps the arguments,
 * invokes it on the instance's context and sends the answer frames (docs/protocol.md#rpc).
 */
public final class RpcDispatcher {

  /**
   * Bus header: the address to which a streaming call's frames are sent, chunks and then the final
   * frame (which is also the reply), so that a caller sees them in order on one consumer.
   */
  public static final String STREAM_HEADER = "agentbus.stream";

  private static final System.Logger LOG = System.getLogger(RpcDispatcher.class.getName());

  private final CallableTable table;
  private final Object agent;
  private final OpenStreams streams = new OpenStreams();

  /**
   * @param table the agent's callable methods
   * @param agent the agent object
   */
  public RpcDispatcher(CallableTable table, Object agent) {
    this.table = table;
    this.agent = agent;
  }

  /**
   * Handles an {@code rpc} frame.
   *
   * @param frame the frame
   * @param replies where its answer frames go
   * @return false if the frame is malformed (nothing was sent)
   */
  public boolean dispatch(JsonObject frame, RpcReplies replies) {
    if (!(frame.getValue("id") instanceof String id)
        || !(frame.getValue("method") instanceof String method)
        || !(frame.getValue("args") instanceof JsonArray args)) {
      return false;
    }
    CallableMethod callable = table.callable(method);
    if (callable == null) {
      String error =
          table.hasMethod(method)
              ? "Method " + method + " is not callable"
              : "Method " + method + " does not exist";
      replies.last(Frames.error(id, error));
    } else if (callable.streaming()) {
      invokeStreaming(callable, id, args, replies);
    } else {
      invoke(callable, id, args, replies);
    }
    return true;
  }

  private void invoke(CallableMethod callable, String id, JsonArray args, RpcReplies replies) {
    Object returned;
    try {
      returned = callable.invoke(agent, callable.arguments(args, null));
    } catch (Throwable e) {
      replies.last(Frames.error(id, errorText(callable, e)));
      return;
    }
    if (returned instanceof Future<?> future) {
      future.onComplete(
          (value, failure) -> replies.last(answerFrame(callable, id, value, failure)));
    } else if (returned instanceof CompletionStage<?> stage) {
      stage.whenComplete(
          (value, failure) -> replies.last(answerFrame(callable, id, value, failure)));
    } else {
      replies.last(answerFrame(callable, id, returned, null));
    }
  }

  private JsonObject answerFrame(
      CallableMethod callable, String id, Object value, Throwable failure) {
    if (failure != null) {
      return Frames.error(id, errorText(callable, failure));
    }
    try {
      return Frames.result(id, JsonValues.toJson(value), callable.answersWithResult(), true);
    } catch (RuntimeException e) {
      return Frames.error(
          id, "Result of " + callable.name() + " cannot be sent as JSON: " + e.getMessage());
    }
  }

  private void invokeStreaming(
      CallableMethod callable, String id, JsonArray args, RpcReplies replies) {
    BusStreamingResponse stream = new BusStreamingResponse(id, replies, streams);
    streams.add(stream);
    try {
      callable.invoke(agent, callable.arguments(args, stream));
    } catch (Throwable e) {
      Throwable cause = unwrap(e);
      if (cause instanceof StreamCancelledException cancelled) {
        stream.cancel(cancelled.getMessage()); // the client went away: nothing to answer
      } else {
        stream.error(errorText(callable, e));
      }
    }
  }

  /**
   * Cancels the streaming calls answering a connection that closed: their next {@code send} throws,
   * and their turns end now.
   *
   * @param connectionKey the connection's key
   */
  public void cancelStreamsOf(String connectionKey) {
    streams.cancelFor(connectionKey, "The connection closed");
  }

  /** Cancels every streaming call still running (the runtime is stopping). */
  public void cancelAllStreams() {
    streams.cancelAll("The runtime is shutting down");
  }

  /** {@return the number of streaming calls not ended} */
  public int openStreams() {
    return streams.size();
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof java.util.concurrent.CompletionException
            || cause instanceof java.lang.reflect.InvocationTargetException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static String errorText(CallableMethod callable, Throwable failure) {
    Throwable cause = unwrap(failure);
    if (isUnexpected(cause)) {
      // a bug, not an answer: its text names JVM internals (a NullPointerException's says which
      // field of which class); the client gets a plain sentence, the log the detail
      LOG.log(Level.WARNING, "Callable " + callable.name() + " failed unexpectedly", cause);
      return "Internal error in " + callable.name();
    }
    LOG.log(Level.DEBUG, "Callable " + callable.name() + " failed", cause);
    return cause.getMessage() != null ? cause.getMessage() : cause.toString();
  }

  /**
   * Whether a failure's text was written by the JVM rather than by code: an {@code Error}, a {@code
   * NullPointerException} without a message of its own (the JVM's "Cannot invoke ... because ... is
   * null" names classes and fields), or the exceptions the JVM throws itself on a bad cast, index,
   * division or array. An exception code throws on purpose, with its message, keeps it (Kotlin's
   * null checks included).
   */
  private static boolean isUnexpected(Throwable cause) {
    if (cause instanceof NullPointerException) {
      String message = cause.getMessage();
      return message == null || (message.startsWith("Cannot ") && message.contains(" because "));
    }
    return cause instanceof Error
        || cause instanceof ClassCastException
        || cause instanceof ArrayIndexOutOfBoundsException
        || cause instanceof ArithmeticException
        || cause instanceof NegativeArraySizeException
        || cause instanceof ArrayStoreException;
  }
}
