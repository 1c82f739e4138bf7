package dev.agentbus.chat.impl;

import dev.agentbus.chat.ChatModelException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.LangChain4jException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;

/**
 * Turns what a LangChain4j model reports to {@code onError} into a {@link ChatModelException} whose
 * message a person can act on: which model, the status, and the message out of the provider's JSON
 * error body ({@code {"error":{"message":...}}} from OpenAI, Anthropic, Ollama and llama.cpp,
 * {@code {"message":...}} from vLLM), instead of a class name and the raw body.
 */
final class ModelErrors {

  private static final int MAX_DETAIL = 300;

  private ModelErrors() {}

  /**
   * @param model the model's name ({@code openai model m at url})
   * @param error what the model reported
   * @param timeoutMs the model's {@code timeoutMs}
   * @param midReply whether part of the reply had arrived before it
   * @return the error to hand on
   */
  static ChatModelException describe(
      String model, Throwable error, long timeoutMs, boolean midReply) {
    HttpException http = find(error, HttpException.class);
    if (http != null) {
      return new ChatModelException(
          model + " answered " + http.statusCode() + ": " + detail(http.getMessage()),
          http.statusCode(),
          error);
    }
    String during = midReply ? " mid-reply" : "";
    String message;
    if (find(error, HttpTimeoutException.class) != null) {
      message = " failed: no answer within timeoutMs (" + timeoutMs + " ms)";
    } else if (find(error, ConnectException.class) != null) {
      message = " could not be reached: " + root(error);
    } else if (find(error, IOException.class) != null) {
      message = " lost the connection" + during + ": " + root(error);
    } else {
      message = " failed" + during + ": " + root(error);
    }
    return new ChatModelException(model + message, 0, error);
  }

  private static String root(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    String name = root.getClass().getSimpleName();
    if (message == null || message.isBlank()) {
      return name;
    }
    // LangChain4j's own exceptions carry messages meant for people (e.g. the provider's)
    return root instanceof LangChain4jException ? detail(message) : name + ": " + message;
  }

  private static String detail(String body) {
    String detail = body == null || body.isBlank() ? "(no message)" : messageOf(body.strip());
    detail = detail.replaceAll("\\s+", " ");
    return detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) + "..." : detail;
  }

  private static String messageOf(String body) {
    if (!body.startsWith("{")) {
      return body;
    }
    try {
      JsonObject json = new JsonObject(body);
      if (json.getValue("error") instanceof JsonObject error
          && error.getValue("message") instanceof String message) {
        return message;
      }
      if (json.getValue("error") instanceof String message) {
        return message;
      }
      if (json.getValue("message") instanceof String message) {
        return message;
      }
    } catch (DecodeException e) {
      // not JSON after all: the body as it is
    }
    return body;
  }

  private static <T extends Throwable> T find(Throwable error, Class<T> type) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }
}
