import { describe, expect, it } from "vitest";
import { readEvents, type ServerSentEvent } from "agentbus/client";

/** A streaming response that delivers `chunks` one by one and records whether it was cancelled. */
function streamed(chunks: string[], init?: ResponseInit) {
  const state = { cancelled: false };
  const encoder = new TextEncoder();
  let next = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[next++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(encoder.encode(chunk));
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { response: new Response(body, init), state };
}

async function collect(response: Response): Promise<ServerSentEvent[]> {
  const events: ServerSentEvent[] = [];
  for await (const event of readEvents(response)) events.push(event);
  return events;
}

describe("readEvents", () => {
  it("yields each event as it is complete, whatever the chunk boundaries", async () => {
    const { response } = streamed(["data: 1\n", "\nda", "ta: 2\r", "\n\r\n: ping\n\n", "data: 3\n\n"]);
    expect(await collect(response)).toEqual([
      { data: "1", event: "message", id: undefined },
      { data: "2", event: "message", id: undefined },
      { data: "3", event: "message", id: undefined },
    ]);
  });

  it("joins data lines and reads event names and ids", async () => {
    const { response } = streamed(["event: tick\nid: 7\ndata: a\ndata:b\n\nretry: 10\n\ndata\n\n"]);
    expect(await collect(response)).toEqual([
      { data: "a\nb", event: "tick", id: "7" },
      { data: "", event: "message", id: "7" },
    ]);
  });

  it("drops an event the stream ends in the middle of", async () => {
    const { response } = streamed(["data: whole\n\ndata: half"]);
    expect((await collect(response)).map((e) => e.data)).toEqual(["whole"]);
  });

  it("cancels the response when the loop is left early", async () => {
    const { response, state } = streamed(["data: 1\n\n", "data: 2\n\n", "data: 3\n\n"]);
    for await (const event of readEvents(response)) {
      expect(event.data).toBe("1");
      break;
    }
    expect(state.cancelled).toBe(true);
  });

  it("refuses a response that is not a success", async () => {
    const { response } = streamed([], { status: 404, statusText: "Not Found" });
    await expect(collect(response)).rejects.toThrow("event stream answered 404 Not Found");
  });
});
