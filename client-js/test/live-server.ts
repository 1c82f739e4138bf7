/**
 * The running application under test: agent-verticles' ClientJsTest starts the gateway with the
 * demo agents (`CounterAgent`, the chat's `AssistantAgent` and `ConversationsAgent`, ...) and the
 * demo page, and passes its address in AGENTBUS_ADDRESS.
 */
export function liveHost(): string {
  const host = process.env.AGENTBUS_ADDRESS;
  if (!host) {
    throw new Error(
      "AGENTBUS_ADDRESS is not set: these tests need a running AgentBus application (`./agentbus test` starts one; " +
        "by hand: `./agentbus run`, then AGENTBUS_ADDRESS=localhost:8080 npx vitest run)",
    );
  }
  return host;
}

/** An instance name no earlier run has used, so that every test starts from a fresh count. */
export function freshName(label: string): string {
  return `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** The running application's base URL (`http://host:port`), where it serves the demo page. */
export function liveUrl(): string {
  return process.env.AGENTBUS_URL ?? `http://${liveHost()}`;
}
