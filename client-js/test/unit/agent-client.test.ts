import { afterEach, beforeEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { AgentCallError, AgentClient, type AgentClientOptions } from "agentbus/client";
import { FakeAgentServer } from "./fake-agent-server.js";

const identity = { type: "cf_agent_identity", name: "room-1", agent: "counter-agent", stateFollows: true };
const mcp = { type: "cf_agent_mcp_servers", mcp: { servers: {}, tools: [], prompts: [], resources: [] } };
const fastReconnect = { minReconnectionDelay: 10, maxReconnectionDelay: 50, reconnectionDelayGrowFactor: 1 };

describe("AgentClient against a fake server", () => {
  let server: FakeAgentServer;
  const clients: AgentClient<{ count: number }>[] = [];

  beforeEach(async () => {
    server = await FakeAgentServer.start();
    server.onConnect = [identity, { type: "cf_agent_state", state: { count: 5 } }, mcp];
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await server.close();
  });

  function connect(options: Partial<AgentClientOptions<{ count: number }>> = {}) {
    const client = new AgentClient<{ count: number }>({
      host: server.host,
      agent: "CounterAgent",
      name: "room-1",
      WebSocket,
      socket: fastReconnect,
      ...options,
    });
    clients.push(client);
    return client;
  }

  it("connects to the agent's URL with its connection id and becomes ready after identity and state", async () => {
    const updates: unknown[] = [];
    const identities: string[] = [];
    const client = connect({
      id: "conn-1",
      path: "sub",
      query: { token: "x" },
      onStateUpdate: (state, source) => updates.push([state, source]),
      onIdentity: (name, agent) => identities.push(`${agent}/${name}`),
    });
    await client.ready;
    expect(server.last.url).toBe("/agents/counter-agent/room-1/sub?_pk=conn-1&token=x");
    expect(client.identified).toBe(true);
    expect(client.state).toEqual({ count: 5 });
    expect(updates).toEqual([[{ count: 5 }, "server"]]);
    expect(identities).toEqual(["counter-agent/room-1"]);
  });

  it("waits for the state frame when identity announces one", async () => {
    server.onConnect = [identity];
    const client = connect();
    let ready = false;
    void client.ready.then(() => (ready = true));
    await server.until(() => server.connections.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(client.identified).toBe(true);
    expect(ready).toBe(false);
    server.send({ type: "cf_agent_state", state: { count: 1 } });
    await client.ready;
    expect(client.state).toEqual({ count: 1 });
  });

  it("applies its own setState at once, reports it as the client's, and sends it", async () => {
    const updates: unknown[] = [];
    const client = connect({ onStateUpdate: (state, source) => updates.push([state, source]) });
    await client.ready;
    client.setState({ count: 9 });
    expect(client.state).toEqual({ count: 9 });
    expect(updates.at(-1)).toEqual([{ count: 9 }, "client"]);
    await server.until(() => server.last.received.length === 1);
    expect(server.last.received).toEqual([{ type: "cf_agent_state", state: { count: 9 } }]);
  });

  it("reports the server's refusal of a state", async () => {
    const errors: string[] = [];
    const client = connect({ onStateUpdateError: (error) => errors.push(error) });
    await client.ready;
    server.send({ type: "cf_agent_state_error", error: "Connection is readonly" });
    await server.until(() => errors.length === 1);
    expect(errors).toEqual(["Connection is readonly"]);
  });

  it("sends calls made before the socket opens once it opens, and resolves them by id", async () => {
    const client = connect();
    const answer = client.call("increment", [2]);
    await server.until(() => server.connections.length === 1 && server.last.received.length === 1);
    const request = server.last.received[0] as { id: string };
    expect(request).toEqual({ type: "rpc", id: request.id, method: "increment", args: [2] });
    server.send({ type: "rpc", id: request.id, success: true, result: 7, done: true });
    expect(await answer).toBe(7);
  });

  it("times out a call after the client's default timeout", async () => {
    const client = connect({ timeout: 100 });
    await client.ready;
    const started = Date.now();
    const error = await client.call("never").catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: "timeout",
      method: "never",
      message: 'Call to "never" timed out after 100 ms',
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
  });

  it("lets a call's own timeout win over the default", async () => {
    const client = connect({ timeout: 10_000 });
    await client.ready;
    await expect(client.call("never", [], { timeout: 50 })).rejects.toMatchObject({ kind: "timeout" });
  });

  it("gives streaming calls no default timeout", async () => {
    const client = connect({ timeout: 50 });
    await client.ready;
    const chunks: unknown[] = [];
    const answer = client.call("countTo", [1], { stream: { onChunk: (c) => chunks.push(c) } });
    await server.until(() => server.last.received.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const { id } = server.last.received[0] as { id: string };
    server.send({ type: "rpc", id, success: true, result: 0, done: false });
    server.send({ type: "rpc", id, success: true, result: 1, done: true });
    expect(await answer).toBe(1);
    expect(chunks).toEqual([0]);
  });

  it("rejects calls in flight when the connection drops, then reconnects with the same id and state", async () => {
    const updates: unknown[] = [];
    const client = connect({ id: "same", onStateUpdate: (state, source) => updates.push([state, source]) });
    await client.ready;
    const answer = client.call("increment", [1]).catch((e: unknown) => e);
    await server.until(() => server.last.received.length === 1);
    server.onConnect = [identity, { type: "cf_agent_state", state: { count: 6 } }, mcp];
    server.last.socket.terminate();
    const error = await answer;
    expect(error).toBeInstanceOf(AgentCallError);
    expect(error).toMatchObject({ kind: "disconnected", method: "increment" });
    expect((error as Error).message).toContain("counter-agent/room-1");
    await server.until(() => server.connections.length === 2);
    await client.ready;
    expect(client.identified).toBe(true);
    expect(server.connections[1]?.url).toBe("/agents/counter-agent/room-1?_pk=same");
    expect(updates).toEqual([
      [{ count: 5 }, "server"],
      [{ count: 6 }, "server"],
    ]);
  });

  it("rejects every call on close, and calls made after it", async () => {
    const client = connect();
    await client.ready;
    const inFlight = client.call("a").catch((e: unknown) => e);
    client.close();
    expect(await inFlight).toMatchObject({ kind: "closed", message: 'Client closed before "a" was answered' });
    await expect(client.call("b")).rejects.toMatchObject({ kind: "closed" });
  });

  it("passes messages that are not protocol frames to onMessage", async () => {
    const messages: unknown[] = [];
    const client = connect({ onMessage: (data) => messages.push(data) });
    await client.ready;
    server.send("hello");
    server.send('{"type":"chat","text":"hi"}');
    server.send("{not json");
    await server.until(() => messages.length === 3);
    expect(messages).toEqual(["hello", '{"type":"chat","text":"hi"}', "{not json"]);
  });
});
