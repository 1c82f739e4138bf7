import { lazy, Suspense } from "react";
import { CounterDemo } from "./counter-demo";

// The chat brings the AI SDK along: loaded on its own, so that the counter does not wait for it.
const ChatDemo = lazy(() => import("./chat/chat-demo").then((m) => ({ default: m.ChatDemo })));

/** The page: what AgentBus is, then the counter and the chat side by side (stacked on a narrow screen). */
export function App() {
  return (
    <div className="page">
      <header className="page-head">
        <img className="logo" src="./favicon.svg" alt="" width="36" height="36" />
        <div>
          <h1>AgentBus</h1>
          <p className="tagline">Stateful agents on the JVM, speaking the Cloudflare Agents SDK protocol.</p>
        </div>
      </header>
      <main className="demos">
        <CounterDemo />
        <Suspense fallback={<section className="card chat-card chat-loading">Loading the chat…</section>}>
          <ChatDemo />
        </Suspense>
      </main>
      <footer className="page-foot">
        Made with the <code>agentbus</code> npm package (<code>client-js/</code>) and a Vert.x 5 application. Every
        panel is live: open this page in a second tab.
      </footer>
    </div>
  );
}
