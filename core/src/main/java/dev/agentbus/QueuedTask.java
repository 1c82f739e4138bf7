package dev.agentbus;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A task waiting in an instance's queue ({@link Agent#queue}): it runs soon, in the order the
 * instance queued its tasks.
 *
 * @param id the task's id, unique within its instance
 * @param callback the name of the agent method that runs
 * @param payload what the method receives, as JSON
 * @param created when it was queued
 */
public record QueuedTask(String id, String callback, @Nullable Object payload, Instant created) {}
