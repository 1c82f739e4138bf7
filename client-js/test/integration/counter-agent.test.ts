import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { AgentCallError, AgentClient, agentFetch, readEvents, type AgentClientOptions } from "agentbus/client";
import type { Count, Counter } from "../../demo/counter.js";
import { freshName, liveHost } from "../live-server.js";

const host = liveHost();

describe("AgentClient against the gateway's CounterAgent", () => {
  const clients: AgentClient<Count, Counter>[] = [];

  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });

  function connect(name: string, options: Partial<AgentClientOptions<Count>> = {}) {
    const client = new AgentClient<Count, Counter>({
      host,
      agent: "CounterAgent",
      name,
      WebSocket,
      socket: { minReconnectionDelay: 10, maxReconnectionDelay: 100 },
      ...options,
    });
    clients.push(client);
    return client;
  }

  it("is ready with the server's identity and the initial state", async () => {
    const name = freshName("ready");
    const identities: string[] = [];
    const client = connect(name, { onIdentity: (instance, agent) => identities.push(`${agent}/${instance}`) });
    await client.ready;
    expect(identities).toEqual([`counter-agent/${name}`]);
    expect(client.agent).toBe("counter-agent");
    expect(client.state).toEqual({ count: 0 });
  });

  it("calls methods through the typed stub and sees the state change on another client", async () => {
    const name = freshName("stub");
    const seen: Array<[Count, string]> = [];
    const watcher = connect(name, { onStateUpdate: (state, source) => seen.push([state, source]) });
    const caller = connect(name);
    await Promise.all([watcher.ready, caller.ready]);
    expect(await caller.stub.increment(2)).toBe(2);
    expect(await caller.stub.increment(3)).toBe(5);
    await expect.poll(() => watcher.state).toEqual({ count: 5 });
    expect(seen.map(([state, source]) => `${state.count}:${source}`)).toEqual(["0:server", "2:server", "5:server"]);
    expect(await caller.stub.echo({ nested: [1, "two", null] })).toEqual({ nested: [1, "two", null] });
    expect(await caller.stub.addRow("first")).toBe(1);
  });

  it("sends setState to the other clients, not back to the sender", async () => {
    const name = freshName("state");
    const senderUpdates: string[] = [];
    const sender = connect(name, { onStateUpdate: (state, source) => senderUpdates.push(`${state.count}:${source}`) });
    const other = connect(name);
    await Promise.all([sender.ready, other.ready]);
    sender.setState({ count: 42 });
    await expect.poll(() => other.state).toEqual({ count: 42 });
    expect(await sender.stub.increment(1)).toBe(43);
    await expect.poll(() => senderUpdates).toEqual(["0:server", "42:client", "43:server"]);
  });

  it("streams a method's chunks, then its final result", async () => {
    const client = connect(freshName("stream"));
    const chunks: unknown[] = [];
    const done: unknown[] = [];
    const result = await client.call<number>("countTo", [4], {
      stream: { onChunk: (chunk) => chunks.push(chunk), onDone: (final) => done.push(final) },
    });
    expect(result).toBe(4);
    expect(chunks).toEqual([0, 1, 2, 3]);
    expect(done).toEqual([4]);
  });

  it("rejects with the gateway's error text for a method that does not exist", async () => {
    const client = connect(freshName("error"));
    const error = await client.call("nope").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgentCallError);
    expect(error).toMatchObject({ kind: "remote", method: "nope", message: "Method nope does not exist" });
  });

  it("rejects a call in flight on disconnect, then reconnects and receives identity and state again", async () => {
    const name = freshName("reconnect");
    const updates: string[] = [];
    const identities: string[] = [];
    const client = connect(name, {
      onStateUpdate: (state, source) => updates.push(`${state.count}:${source}`),
      onIdentity: (instance) => identities.push(instance),
    });
    await client.ready;
    const inFlight = client.call("increment", [1]).catch((e: unknown) => e);
    client.socket.reconnect();
    expect(await inFlight).toMatchObject({ kind: "disconnected", method: "increment" });
    await client.ready;
    expect(identities).toEqual([name, name]);
    expect(updates[0]).toBe("0:server");
    // The dropped call may or may not have run: the state received on reconnect says which.
    const countAfterReconnect = client.state?.count ?? -1;
    expect([0, 1]).toContain(countAfterReconnect);
    expect(await client.stub.increment(1)).toBe(countAfterReconnect + 1);
  });
});

describe("agentFetch and readEvents against the gateway's CounterAgent", () => {
  it("reads and increments the count over HTTP", async () => {
    const address = { host, agent: "CounterAgent", name: freshName("http") };
    const posted = await agentFetch(address, { method: "POST" });
    expect(posted.status).toBe(200);
    expect(await posted.json()).toEqual({ count: 1 });
    expect(await (await agentFetch(address)).json()).toEqual({ count: 1 });
  });

  it("answers 400 for an agent that does not exist", async () => {
    const response = await agentFetch({ host, agent: "NoSuchAgent", name: "x" });
    expect(response.status).toBe(400);
  });

  it("reads the agent's Server-Sent Events and stops the stream when the loop ends", async () => {
    const address = { host, agent: "CounterAgent", name: freshName("events") };
    await agentFetch(address, { method: "POST" });
    const response = await agentFetch({ ...address, path: "events" });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const counts: string[] = [];
    for await (const event of readEvents(response)) {
      counts.push(event.data);
      if (counts.length === 1) await agentFetch(address, { method: "POST" });
      if (counts.length === 2) break;
    }
    expect(counts).toEqual(["1", "2"]);
  });
});
