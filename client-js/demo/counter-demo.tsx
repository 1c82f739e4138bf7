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
    <section className="card counter-card" aria-labelledby="counter-heading">
      <header className="card-head">
        <div>
          <div className="card-title">
            <h2 id="counter-heading">Counter</h2>
            <span data-testid="status" className={identified ? "dot dot-on" : "dot"}>
              {identified ? "connected" : "connecting…"}
            </span>
          </div>
          <p className="card-lede">
            A <code>CounterAgent</code> instance, shared live: press +1 here or in a second tab.
          </p>
        </div>
      </header>
      <label className="field">
        <span className="field-label">Room</span>
        <input data-testid="room" value={room} onChange={(e) => setRoom(e.target.value)} />
      </label>
      <p className="count" data-testid="count">
        {state ? state.count : "–"}
      </p>
      <div className="actions">
        <button className="btn btn-primary" data-testid="increment" onClick={() => stub.increment(1).catch(report)}>
          +1
        </button>
        <button className="btn" data-testid="reset" onClick={() => setState({ count: 0 })}>
          Reset
        </button>
        <button className="btn" data-testid="count-to" onClick={countTo}>
          Count to {STREAM_LENGTH} <span className="btn-note">streaming call</span>
        </button>
      </div>
      <p data-testid="stream" className="stream">
        {stream}
      </p>
      {error && (
        <p data-testid="error" className="error">
          {error}
        </p>
      )}
      <dl className="card-note">
        <dt>In code</dt>
        <dd>
          <code>useAgent</code> · <code>stub.increment(1)</code> · <code>call("countTo", …, {"{ stream }"})</code>
        </dd>
        <dt>Over HTTP</dt>
        <dd>
          <code>
            curl -X POST {window.location.host}/agents/counter-agent/{name}
          </code>
        </dd>
      </dl>
    </section>
  );
}
