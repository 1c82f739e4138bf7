/** One Server-Sent Event. */
export interface ServerSentEvent {
  /** The data lines, joined with `\n`. */
  data: string;
  /** The event type; `message` when the server names none. */
  event: string;
  /** The last event id the server sent, if any. */
  id?: string;
}

/**
 * Reads a `text/event-stream` response (e.g. from `agentFetch`) as it arrives. Comments (the
 * server's pings) are skipped. Leaving the loop early (`break`, `return`, an exception) cancels the
 * response, which closes the connection and stops the agent's stream.
 *
 * ```ts
 * const response = await agentFetch({ host, agent: "CounterAgent", name: "room-1", path: "events" });
 * for await (const event of readEvents(response)) console.log(event.data);
 * ```
 *
 * @throws Error if the response is not a success, or has no body
 */
export async function* readEvents(response: Response): AsyncGenerator<ServerSentEvent, void, undefined> {
  if (!response.ok) {
    throw new Error(`AgentBus: event stream answered ${response.status} ${response.statusText}`.trimEnd());
  }
  if (!response.body) throw new Error("AgentBus: event stream response has no body");
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let data: string[] = [];
  let event = "";
  let id: string | undefined;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      // A "\r" at the end may be the first half of a "\r\n" split across chunks: keep it back.
      const heldBack = buffer.endsWith("\r");
      const lines = (heldBack ? buffer.slice(0, -1) : buffer).split(/\r\n|\r|\n/);
      buffer = (lines.pop() ?? "") + (heldBack ? "\r" : "");
      for (const line of lines) {
        if (line === "") {
          if (data.length > 0) yield { data: data.join("\n"), event: event || "message", id };
          data = [];
          event = "";
          continue;
        }
        if (line.startsWith(":")) continue;
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        const raw = colon < 0 ? "" : line.slice(colon + 1);
        const fieldValue = raw.startsWith(" ") ? raw.slice(1) : raw;
        if (field === "data") data.push(fieldValue);
        else if (field === "event") event = fieldValue;
        else if (field === "id") id = fieldValue;
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
