package dev.agentbus.chat;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a tool method ({@code @Tool}) of a {@link ChatAgent} that runs only once the user approved
 * the call: the model's call ends the turn with a {@code tool-approval-request}, and the tool runs
 * (or is reported to the model as denied) in the continuation that the client's {@code
 * cf_agent_tool_approval} starts.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface NeedsApproval {}
