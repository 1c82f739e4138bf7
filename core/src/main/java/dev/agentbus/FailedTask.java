package dev.agentbus;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A run of a schedule or a queued task that failed on every attempt ({@link Agent#getFailedTasks}).
 * A one-shot schedule or a queued task is gone after it; a cron or interval schedule goes on to its
 * next time.
 *
 * @param id the id of the schedule or queued task
 * @param kind {@code schedule} or {@code queue}
 * @param callback the name of the agent method
 * @param payload what the method received, as JSON
 * @param error the message of the last failure
 * @param attempts how many times it ran
 * @param failedAt when the last attempt failed
 */
public record FailedTask(
    String id,
    String kind,
    String callback,
    @Nullable Object payload,
    String error,
    int attempts,
    Instant failedAt) {}
