import { StrictMode, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { useAgent } from "agentbus/react";
import type { Count, Counter } from "../../../demo/counter";

/**
 * The page of use-agent.test.ts, built in development mode so that StrictMode mounts, unmounts and
 * mounts again. Query: `host` (the gateway), `name` and `other` (two instance names).
 */
const params = new URLSearchParams(window.location.search);
const host = params.get("host") ?? "";

declare global {
  interface Window {
    /** How many times Probe's effects ran a mount. */
    probeMounts: number;
  }
}
window.probeMounts = 0;

function Probe({ name }: { name: string }) {
  const { client, state, identified, stub } = useAgent<Count, Counter>({ host, agent: "CounterAgent", name });
  useEffect(() => {
    window.probeMounts++;
  }, []);
  return (
    <div>
      <span data-testid="name">{client.name}</span> <span data-testid="count">{state ? state.count : "none"}</span>{" "}
      <span data-testid="identified">{String(identified)}</span>{" "}
      <button data-testid="increment" onClick={() => void stub.increment(1)}>
        +1
      </button>
    </div>
  );
}

function App() {
  const [name, setName] = useState(params.get("name") ?? "");
  const [mounted, setMounted] = useState(true);
  return (
    <>
      <button data-testid="switch" onClick={() => setName(params.get("other") ?? "")}>
        switch
      </button>
      <button data-testid="unmount" onClick={() => setMounted(false)}>
        unmount
      </button>
      {mounted && <Probe name={name} />}
    </>
  );
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
