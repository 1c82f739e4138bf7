package dev.agentbus;

/**
 * Keeps an instance awake while work that is not a turn goes on (a reply streaming from a model
 * over minutes): while a hold is open, the instance counts as busy, so the idle sweep does not
 * hibernate it. Obtained from {@link AgentBase#holdAwake()}; release it exactly when the work ends.
 */
public interface AwakeHold {

  /** Lets the instance hibernate again once idle; releasing twice does nothing. */
  void release();
}
