import { useState } from "react";
import { useAgent } from "agentbus/react";
import type { Count, Counter } from "./counter";

const STREAM_LENGTH = 5;

function initialRoom(): string {
  return new URLSearchParams(window.location.search).get("room") || "room-1";
}

/** A counter shared live by every page on the same room, and a streaming call. */
export function CounterDemo() {
  const [room, setRoom] = useState(initialRoom);
  const [stream, setStream] = useState<string>("");
  const [error, setError] = useState<string>("");
  const name = room.trim() || "room-1";
  const { state, identified, setState, stub, call } = useAgent<Count, Counter>({
    agent: "CounterAgent",
    name,
  });

  const report = (e: unknown) => setError(e instanceof Error ? e.message : String(e));

  const countTo = () => {
    const chunks: string[] = [];
    setStream("…");
    setError("");
    call<number>("countTo", [STREAM_LENGTH], {
      stream: {
        onChunk: (chunk) => {
          chunks.push(String(chunk));
          setStream(chunks.join(" "));
        },
      },
    }).then((result) => setStream(`${chunks.join(" ")} → ${result}`), report);
  };

  return (
    <main>
      <h1>AgentBus</h1>
      <p>
        A <code>CounterAgent</code> instance, shared live: open this page in a second tab and press +1 in either.
      </p>
      <label>
        Room <input data-testid="room" value={room} onChange={(e) => setRoom(e.target.value)} />
      </label>{" "}
      <span data-testid="status" className={identified ? "online" : "offline"}>
        {identified ? "connected" : "connecting…"}
      </span>
      <p className="count" data-testid="count">
        {state ? state.count : "–"}
      </p>
      <p>
        <button data-testid="increment" onClick={() => stub.increment(1).catch(report)}>
          +1
        </button>{" "}
        <button data-testid="reset" onClick={() => setState({ count: 0 })}>
          Reset
        </button>{" "}
        <button data-testid="count-to" onClick={countTo}>
          Count to {STREAM_LENGTH} (streaming call)
        </button>
      </p>
      <p data-testid="stream" className="stream">
        {stream}
      </p>
      {error && (
        <p data-testid="error" className="error">
          {error}
        </p>
      )}
      <footer>
        Made with the <code>agentbus</code> npm package (<code>client-js/</code>): <code>useAgent</code>,{" "}
        <code>stub.increment(1)</code>, <code>call("countTo", …, {"{ stream }"})</code>. Over HTTP:{" "}
        <code>
          curl -X POST {window.location.host}/agents/counter-agent/{name}
        </code>
        .
      </footer>
    </main>
  );
}
