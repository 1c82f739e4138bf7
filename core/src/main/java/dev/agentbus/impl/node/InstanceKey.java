package dev.agentbus.impl.node;

/**
 * Identifies an instance on a node.
 *
 * @param agent the agent's public name
 * @param name the instance name
 */
public record InstanceKey(String agent, String name) {}
