package dev.agentbus.gateway;

/**
 * A before-hook's refusal: the client gets this status and body, the agent is never activated.
 *
 * @param status the HTTP status, e.g. 401 or 403
 * @param body the response body (text)
 */
public record Rejection(int status, String body) {

  /**
   * Makes a rejection.
   *
   * @param status the HTTP status
   * @param body the body text
   * @return the rejection
   */
  public static Rejection of(int status, String body) {
    return new Rejection(status, body);
  }
}
