// The Vert.x event-bus bridge client (SockJS) against a live AgentBus gateway serving the demo
// CounterAgent: rpc frames to an instance's address, state broadcasts on its state address, and
// the refusals of addresses that are not agents' and of the before-connect hook (the test server
// refuses instance names starting with "private").
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const EventBus = require("@vertx/eventbus-bridge-client.js");
const host = process.env.AGENTBUS_ADDRESS;
assert.ok(host, "AGENTBUS_ADDRESS is required");

function open() {
  const bus = new EventBus(`http://${host}/eventbus`);
  return new Promise((resolve, reject) => {
    bus.onopen = () => resolve(bus);
    bus.onerror = (e) => reject(e);
  });
}

function request(bus, address, body) {
  return new Promise((resolve, reject) =>
    bus.send(address, body, {}, (err, reply) => (err ? reject(err) : resolve(reply.body))),
  );
}

test("an rpc frame to an instance's address is answered, and its state broadcasts follow", async () => {
  const bus = await open();
  const states = [];
  bus.registerHandler("agents-state.counter-agent.bridge-1", {}, (err, message) => {
    if (!err) states.push(message.body);
  });
  await new Promise((r) => setTimeout(r, 200)); // the registration reaches the server
  const answer = await request(bus, "agents.counter-agent.bridge-1", {
    type: "rpc",
    id: "1",
    method: "increment",
    args: [3],
  });
  assert.deepEqual(answer, { type: "rpc", id: "1", success: true, result: 3, done: true });
  const deadline = Date.now() + 5000;
  while (states.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(states[0].state, { count: 3 });
  const unknown = await request(bus, "agents.counter-agent.bridge-1", {
    type: "rpc",
    id: "2",
    method: "nope",
    args: [],
  });
  assert.equal(unknown.error, "Method nope does not exist");
  bus.close();
});

/** Sends a frame and resolves with the bridge's error message, which comes to onerror. */
function denied(bus, address, body) {
  return new Promise((resolve, reject) => {
    bus.onerror = (error) => resolve(error);
    bus.send(address, body, {}, (err, reply) => (err ? resolve(err) : reject(new Error(`answered: ${JSON.stringify(reply)}`))));
  });
}

test("addresses that are not agents', and instances the hook refuses, are denied", async () => {
  const bus = await open();
  const frame = { type: "rpc", id: "1", method: "echo", args: [1] };
  for (const address of ["some.other.address", "agents.counter-agent.private-room", "agents.no-such-agent.x"]) {
    const error = await denied(bus, address, frame);
    assert.equal(error.body, "rejected", `${address}: ${JSON.stringify(error)}`);
  }
  // the bus still works after the refusals
  const answer = await request(bus, "agents.counter-agent.bridge-2", frame);
  assert.equal(answer.result, 1);
  bus.close();
});
