/**
 * The AgentBus API: {@link dev.agentbus.Agent} to write an agent, {@link dev.agentbus.AgentBus} and
 * {@link dev.agentbus.AgentRef} to run and call agents.
 *
 * <p>Nothing in this package is {@code null} unless marked {@link
 * org.jspecify.annotations.Nullable} (JSpecify). Kotlin reads these annotations: it sees {@code
 * String}, not {@code String!}, and {@code Connection?} where a connection may be absent.
 */
@NullMarked
package dev.agentbus;

import org.jspecify.annotations.NullMarked;
