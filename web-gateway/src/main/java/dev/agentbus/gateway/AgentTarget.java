package dev.agentbus.gateway;

/**
 * The agent instance a request addresses.
 *
 * @param agent the agent's public name
 * @param name the instance name (the raw path segment, not percent-decoded)
 * @param subPath the rest of the path after the name (e.g. {@code /state}), or empty
 */
public record AgentTarget(String agent, String name, String subPath) {}
