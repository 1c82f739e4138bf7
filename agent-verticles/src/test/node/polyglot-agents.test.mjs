// The Agents SDK's AgentClient against the demo agents written in Kotlin (TodoAgent) and Groovy
// (PollAgent): the same client code as for the Java CounterAgent, nothing JVM-language specific.
import { test } from "node:test";
import assert from "node:assert/strict";
import WebSocket from "ws";
import { AgentClient, agentFetch } from "agents/client";

const host = process.env.AGENTBUS_ADDRESS;
assert.ok(host, "AGENTBUS_ADDRESS is required");

function connect(agent, name) {
  const seen = { identity: null, states: [] };
  const client = new AgentClient({
    host,
    protocol: "ws",
    agent,
    name,
    WebSocket,
    onIdentity: (instance, agentName) => (seen.identity = { instance, agent: agentName }),
    onStateUpdate: (state, source) => seen.states.push({ state, source }),
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

test("the Kotlin TodoAgent: identity, data-class state, calls and its error texts", async () => {
  const a = connect("TodoAgent", "sdk-todo");
  const b = connect("TodoAgent", "sdk-todo");
  await a.client.ready;
  await b.client.ready;
  assert.deepEqual(a.seen.identity, { instance: "sdk-todo", agent: "todo-agent" });
  await until(() => a.seen.states.length > 0, "the initial state");
  assert.deepEqual(a.seen.states[0].state, { title: "Todo", open: 0, done: 0 });

  const milk = await a.client.call("add", ["milk"]);
  assert.deepEqual(milk, { id: 1, text: "milk", done: false });
  assert.deepEqual(await a.client.call("complete", [milk.id]), { ...milk, done: true });
  await until(() => b.seen.states.some((s) => s.state.done === 1), "b to see the item done");
  await assert.rejects(a.client.call("complete", [milk.id]), /Todo 1 is already done/);
  await assert.rejects(a.client.call("ensureTable", []), /Method ensureTable is not callable/);

  a.client.setState({ title: "Groceries", open: 0, done: 1 });
  await until(() => b.seen.states.some((s) => s.state.title === "Groceries"), "b to see the new title");
  a.client.close();
  b.client.close();
});

test("the Groovy PollAgent: record state synced to every client, calls and its error texts", async () => {
  const voter = connect("PollAgent", "sdk-poll");
  const watcher = connect("PollAgent", "sdk-poll");
  await voter.client.ready;
  await watcher.client.ready;
  await voter.client.call("open", ["Lunch?", ["pizza", "soup"]]);
  assert.deepEqual(await voter.client.call("vote", ["ann", "soup"]), { pizza: 0, soup: 1 });
  await until(
    () => watcher.seen.states.some((s) => s.state.votes?.soup === 1),
    "the watcher to see the vote",
  );
  await assert.rejects(voter.client.call("vote", ["ann", "chips"]), /No option 'chips' in this poll/);
  voter.client.close();
  watcher.client.close();
});

test("agentFetch reaches the Kotlin and Groovy agents' onRequest", async () => {
  const todo = { host, protocol: "http", agent: "TodoAgent", name: "sdk-fetch" };
  const post = await agentFetch(todo, { method: "POST", body: JSON.stringify({ text: "bread" }) });
  assert.equal(post.status, 201);
  assert.deepEqual(await post.json(), { id: 1, text: "bread", done: false });
  assert.deepEqual(await (await agentFetch(todo)).json(), [{ id: 1, text: "bread", done: false }]);
  const poll = await agentFetch({ host, protocol: "http", agent: "PollAgent", name: "sdk-fetch" });
  assert.deepEqual(await poll.json(), { question: "", votes: {} });
});
