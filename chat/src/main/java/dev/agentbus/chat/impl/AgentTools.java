package dev.agentbus.chat.impl;

import dev.agentbus.Agent;
import dev.agentbus.chat.NeedsApproval;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.DatabindCodec;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The server tools of a chat agent: its public methods annotated with LangChain4j's {@link Tool}
 * (described parameters with {@code @P}), and the client tools a request listed. A server tool runs
 * on the instance's context, like a callable: its arguments come from the model's JSON, mapped by
 * Jackson to the parameters' types; its result is sent as JSON.
 */
public final class AgentTools {

  /** The server tools of an agent class, read once per class. */
  private record ServerTools(Map<String, Method> methods, List<ToolSpecification> specifications) {}

  private static final ClassValue<ServerTools> SERVER_TOOLS =
      new ClassValue<>() {
        @Override
        protected ServerTools computeValue(Class<?> type) {
          Map<String, Method> methods = new LinkedHashMap<>();
          List<ToolSpecification> specifications = new ArrayList<>();
          for (Method method : type.getMethods()) {
            if (method.isAnnotationPresent(Tool.class)) {
              ToolSpecification specification = ToolSpecifications.toolSpecificationFrom(method);
              methods.put(specification.name(), method);
              specifications.add(specification);
            }
          }
          return new ServerTools(Map.copyOf(methods), List.copyOf(specifications));
        }
      };

  private final Agent<?> agent;
  private final Map<String, Method> server = new LinkedHashMap<>();
  private final List<ToolSpecification> specifications = new ArrayList<>();
  private final java.util.Set<String> client = new java.util.HashSet<>();

  /**
   * @param agent the agent whose {@code @Tool} methods are its server tools
   * @param clientTools the page's tools ({@code name}, {@code description}?, {@code parameters}?)
   */
  public AgentTools(Agent<?> agent, List<JsonObject> clientTools) {
    this.agent = agent;
    ServerTools own = SERVER_TOOLS.get(agent.getClass());
    server.putAll(own.methods());
    specifications.addAll(own.specifications());
    for (JsonObject tool : clientTools) {
      if (tool.getValue("name") instanceof String name && !server.containsKey(name)) {
        client.add(name);
        specifications.add(clientSpecification(name, tool));
      }
    }
  }

  private static ToolSpecification clientSpecification(String name, JsonObject tool) {
    ToolSpecification.Builder builder = ToolSpecification.builder().name(name);
    if (tool.getValue("description") instanceof String description) {
      builder.description(description);
    }
    if (tool.getValue("parameters") instanceof JsonObject schema
        && schema.getValue("properties") instanceof JsonObject properties
        && !properties.isEmpty()) {
      JsonObjectSchema.Builder parameters = JsonObjectSchema.builder();
      properties.forEach(
          property ->
              parameters.addProperty(
                  property.getKey(),
                  JsonRawSchema.from(io.vertx.core.json.Json.encode(property.getValue()))));
      if (schema.getValue("required") instanceof JsonArray required) {
        parameters.required(required.stream().map(String::valueOf).toList());
      }
      builder.parameters(parameters.build());
    }
    return builder.build();
  }

  /** {@return the specifications of every tool the model may call} */
  public List<ToolSpecification> specifications() {
    return specifications;
  }

  /** {@return whether the agent runs this tool itself} */
  public boolean isServerTool(String name) {
    return server.containsKey(name);
  }

  /** {@return whether the page runs this tool} */
  public boolean isClientTool(String name) {
    return client.contains(name);
  }

  /** {@return whether this server tool runs only once the user approved the call} */
  public boolean needsApproval(String name) {
    Method method = server.get(name);
    return method != null && method.isAnnotationPresent(NeedsApproval.class);
  }

  /**
   * Runs a server tool on the instance's context and waits for it; call from a thread that may wait
   * (the model's virtual thread), never from the instance's context.
   *
   * @param name the tool
   * @param arguments the model's arguments, a JSON object as text ({@code ""} counts as {@code {}})
   * @return the tool's result as a JSON value ({@code null} for a {@code void} tool)
   * @throws RuntimeException with a message for the model if the arguments do not fit or the tool
   *     throws
   */
  public @Nullable Object run(String name, String arguments) {
    Method method = server.get(name);
    if (method == null) {
      throw new IllegalArgumentException("Unknown tool " + name);
    }
    CompletableFuture<Object> result = new CompletableFuture<>();
    agent.runOnInstance(
        () -> {
          try {
            result.complete(invoke(method, arguments));
          } catch (RuntimeException e) {
            result.completeExceptionally(e);
          }
        });
    try {
      return result.join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  private @Nullable Object invoke(Method method, String arguments) {
    JsonObject given = arguments.isBlank() ? new JsonObject() : new JsonObject(arguments);
    Parameter[] parameters = method.getParameters();
    Object[] values = new Object[parameters.length];
    for (int i = 0; i < parameters.length; i++) {
      Object value = given.getValue(parameters[i].getName());
      try {
        values[i] =
            DatabindCodec.mapper()
                .convertValue(
                    value instanceof JsonObject o
                        ? o.getMap()
                        : value instanceof JsonArray a ? a.getList() : value,
                    DatabindCodec.mapper().constructType(parameters[i].getParameterizedType()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Argument "
                + parameters[i].getName()
                + " of "
                + method.getName()
                + " does not fit: "
                + value);
      }
    }
    Object result;
    try {
      result = method.invoke(agent, values);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw new IllegalStateException(
          cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(),
          cause);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("Tool " + method.getName() + " cannot be called", e);
    }
    return toJson(result);
  }

  /** {@return a tool's result as a JSON value: objects, arrays, strings, numbers, booleans} */
  static @Nullable Object toJson(@Nullable Object result) {
    if (result == null
        || result instanceof JsonObject
        || result instanceof JsonArray
        || result instanceof String
        || result instanceof Number
        || result instanceof Boolean) {
      return result;
    }
    Object tree = DatabindCodec.mapper().convertValue(result, Object.class);
    if (tree instanceof Map<?, ?> map) {
      return JsonObject.mapFrom(map);
    }
    return tree instanceof List<?> list ? new JsonArray(new ArrayList<>(list)) : tree;
  }
}
