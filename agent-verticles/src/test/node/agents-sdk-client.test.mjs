// The Agents SDK's AgentClient and agentFetch against a live AgentBus gateway serving the demo
// CounterAgent. The gateway's address comes from AGENTBUS_ADDRESS (e.g. 127.0.0.1:8080).
import { test } from "node:test";
import assert from "node:assert/strict";
import WebSocket from "ws";
import { AgentClient, agentFetch } from "agents/client";

const host = process.env.AGENTBUS_ADDRESS;
assert.ok(host, "AGENTBUS_ADDRESS is required");

function connect(name, extra = {}) {
  const seen = { identity: null, states: [] };
  const client = new AgentClient({
    host,
    protocol: "ws",
    agent: "CounterAgent",
    name,
    WebSocket,
    onIdentity: (instance, agent) => (seen.identity = { instance, agent }),
    onStateUpdate: (state, source) => seen.states.push({ state, source }),
    ...extra,
  });
  return { client, seen };
}

async function until(predicate, what, ms = 5000) {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

test("identity and the initial state arrive on connect", async () => {
  const { client, seen } = connect("sdk-identity");
  await client.ready;
  await until(() => seen.states.length > 0, "the initial state");
  assert.deepEqual(seen.identity, { instance: "sdk-identity", agent: "counter-agent" });
  assert.deepEqual(seen.states[0], { state: { count: 0 }, source: "server" });
  client.close();
});

test("call returns results and rejects with the protocol's error texts", async () => {
  const { client } = connect("sdk-call");
  await client.ready;
  assert.equal(await client.call("increment", [2]), 2);
  assert.deepEqual(await client.call("echo", [{ a: [1, "x"] }]), { a: [1, "x"] });
  await assert.rejects(client.call("nope", []), /Method nope does not exist/);
  await assert.rejects(client.call("onRequest", []), /Method onRequest is not callable/);
  client.close();
});

test("state is synced between two clients", async () => {
  const a = connect("sdk-sync");
  const b = connect("sdk-sync");
  await a.client.ready;
  await b.client.ready;
  await a.client.call("increment", [5]);
  await until(() => b.seen.states.some((s) => s.state.count === 5), "b to see the increment");
  a.client.setState({ count: 42 });
  await until(() => b.seen.states.some((s) => s.state.count === 42), "b to see a's state");
  assert.ok(a.seen.states.some((s) => s.state.count === 42 && s.source === "client"));
  assert.ok(!a.seen.states.some((s) => s.state.count === 42 && s.source === "server"), "no echo to the sender");
  assert.equal(await b.client.call("increment", [1]), 43);
  a.client.close();
  b.client.close();
});

test("a streaming call delivers its chunks, then the final value", async () => {
  const { client } = connect("sdk-stream");
  await client.ready;
  const chunks = [];
  let done;
  const result = await client.call("countTo", [4], {
    stream: { onChunk: (c) => chunks.push(c), onDone: (d) => (done = d) },
  });
  assert.deepEqual(chunks, [0, 1, 2, 3]);
  assert.equal(done, 4);
  assert.equal(result, 4);
  client.close();
});

test("agentFetch reaches onRequest", async () => {
  const post = await agentFetch({ host, protocol: "http", agent: "CounterAgent", name: "sdk-fetch" }, { method: "POST" });
  assert.equal(post.status, 200);
  assert.deepEqual(await post.json(), { count: 1 });
  const get = await agentFetch({ host, protocol: "http", agent: "CounterAgent", name: "sdk-fetch" });
  assert.deepEqual(await get.json(), { count: 1 });
});
