package dev.agentbus.spi;

import dev.agentbus.AgentRequest;
import dev.agentbus.AgentResponse;
import dev.agentbus.ResponseStream;

/**
 * An HTTP request handed by a gateway to an instance, with the way back; delivered as a {@link
 * GatewayEvent.Http}.
 */
public final class HttpExchange {

  /** How the gateway sends the answer. */
  public interface Responder {

    /**
     * Sends a complete response (status, headers, body).
     *
     * @param response the response, never a streaming one
     */
    void respond(AgentResponse response);

    /**
     * Sends the status and headers of a streaming response and returns its body stream.
     *
     * @param response a streaming response
     * @return the stream the producer writes to
     */
    ResponseStream open(AgentResponse response);
  }

  private final AgentRequest request;
  private final Responder responder;

  /**
   * Pairs a request with the way its answer goes back.
   *
   * @param request the request
   * @param responder the way back
   */
  public HttpExchange(AgentRequest request, Responder responder) {
    this.request = request;
    this.responder = responder;
  }

  /** {@return the request} */
  public AgentRequest request() {
    return request;
  }

  /** {@return the way back} */
  public Responder responder() {
    return responder;
  }
}
