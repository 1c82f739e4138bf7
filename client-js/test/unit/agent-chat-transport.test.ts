import type { UIMessage, UIMessageChunk } from "ai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { AgentClient } from "agentbus/client";
import { AgentChatTransport, type AgentChatTransportOptions, type ChatResponseFrame } from "agentbus/chat";
import { FakeAgentServer, type FakeConnection } from "./fake-agent-server.js";

const identity = { type: "cf_agent_identity", name: "room-1", agent: "assistant-agent" };
const fastReconnect = { minReconnectionDelay: 10, maxReconnectionDelay: 50, reconnectionDelayGrowFactor: 1 };
const hello: UIMessage = { id: "u1", role: "user", parts: [{ type: "text", text: "hello" }] };
const reply: UIMessageChunk[] = [
  { type: "start", messageId: "a1" },
  { type: "text-start", id: "t0" },
  { type: "text-delta", id: "t0", delta: "hel" },
  { type: "text-delta", id: "t0", delta: "lo" },
  { type: "text-end", id: "t0" },
  { type: "finish" },
];

type Frame = Record<string, unknown>;

function chunkFrame(id: string, seq: number, extra: Partial<ChatResponseFrame> = {}): ChatResponseFrame {
  return { type: "cf_agent_use_chat_response", id, body: JSON.stringify(reply[seq]), done: false, seq, ...extra };
}

function terminal(id: string, extra: Partial<ChatResponseFrame> = {}): ChatResponseFrame {
  return { type: "cf_agent_use_chat_response", id, body: "", done: true, ...extra };
}

async function readAll(stream: ReadableStream<UIMessageChunk>): Promise<UIMessageChunk[]> {
  const chunks: UIMessageChunk[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<UIMessageChunk>) chunks.push(chunk);
  return chunks;
}

describe("AgentChatTransport against a fake server", () => {
  let server: FakeAgentServer;
  const stops: Array<() => void> = [];

  beforeEach(async () => {
    server = await FakeAgentServer.start();
    server.onConnect = [identity];
  });

  afterEach(async () => {
    for (const stop of stops.splice(0)) stop();
    await server.close();
  });

  async function connect(options: AgentChatTransportOptions = {}) {
    const client = new AgentClient({
      host: server.host,
      agent: "AssistantAgent",
      name: "room-1",
      WebSocket,
      socket: fastReconnect,
    });
    const transport = new AgentChatTransport(client, options);
    const stopListening = transport.listen();
    stops.push(() => {
      stopListening();
      client.close();
    });
    await client.ready;
    return { client, transport, connection: server.last };
  }

  const framesOf = (connection: FakeConnection, type: string) =>
    connection.received.filter((frame) => (frame as Frame).type === type) as Frame[];

  async function send(transport: AgentChatTransport, body?: object) {
    return transport.sendMessages({
      trigger: "submit-message",
      chatId: "c",
      messageId: undefined,
      messages: [hello],
      abortSignal: undefined,
      body,
    });
  }

  it("sends the conversation as a chat request and reads the turn's chunks until the terminal frame", async () => {
    const { transport, connection } = await connect({
      prepareBody: () => ({ clientTools: [{ name: "getLocation" }] }),
    });
    const stream = await send(transport, { mood: "calm" });
    await server.until(() => framesOf(connection, "cf_agent_use_chat_request").length === 1);
    const request = framesOf(connection, "cf_agent_use_chat_request")[0]!;
    const id = request.id as string;
    expect(id).toMatch(/^[0-9A-Za-z]{8}$/);
    expect(request.init).toEqual({ method: "POST", body: expect.any(String) });
    expect(JSON.parse((request.init as { body: string }).body)).toEqual({
      messages: [hello],
      trigger: "submit-message",
      clientTools: [{ name: "getLocation" }],
      mood: "calm",
    });

    server.send(chunkFrame("other", 0));
    reply.forEach((_, seq) => server.send(chunkFrame(id, seq)));
    server.send(terminal(id, { messageIds: ["u1"] }));
    expect(await readAll(stream)).toEqual(reply);
  });

  it("turns an error frame into an error chunk after the chunks before it, and reports the turn's end", async () => {
    const ends: Array<[ChatResponseFrame, string | undefined]> = [];
    const { transport, connection } = await connect({ onTurnEnd: (frame, error) => ends.push([frame, error]) });
    const stream = await send(transport);
    await server.until(() => framesOf(connection, "cf_agent_use_chat_request").length === 1);
    const id = framesOf(connection, "cf_agent_use_chat_request")[0]!.id as string;
    server.send(chunkFrame(id, 0));
    server.send({ type: "cf_agent_use_chat_response", id, body: "model down", done: false, error: true });
    server.send(terminal(id, { outcome: "error", messageIds: ["u1"] }));
    expect(await readAll(stream)).toEqual([reply[0], { type: "error", errorText: "model down" }]);
    await server.until(() => ends.length === 1);
    expect(ends[0]![0].outcome).toBe("error");
    expect(ends[0]![1]).toBe("model down");
  });

  it("resumes on a probe: acks the offered turn once though two offers cross, replays it and goes on live", async () => {
    const { transport, connection } = await connect();
    const resumed = transport.reconnectToStream({ chatId: "c" });
    await server.until(() => framesOf(connection, "cf_agent_stream_resume_request").length === 1);
    const probeId = framesOf(connection, "cf_agent_stream_resume_request")[0]!.probeId as string;
    server.send({ type: "cf_agent_stream_resuming", id: "R1" });
    server.send({ type: "cf_agent_stream_resuming", id: "R1", probeId });
    const stream = (await resumed)!;
    await server.until(() => framesOf(connection, "cf_agent_stream_resume_ack").length === 1);
    [0, 1, 2].forEach((seq) => server.send(chunkFrame("R1", seq, { replay: true })));
    server.send({
      type: "cf_agent_use_chat_response",
      id: "R1",
      body: "",
      done: false,
      replay: true,
      replayComplete: true,
    });
    [3, 4, 5].forEach((seq) => server.send(chunkFrame("R1", seq)));
    server.send(terminal("R1"));
    expect(await readAll(stream)).toEqual(reply);
    expect(framesOf(connection, "cf_agent_stream_resume_ack")).toEqual([
      { type: "cf_agent_stream_resume_ack", id: "R1" },
    ]);
  });

  it("acks a turn offered on connect at once and hands it to the next reconnectToStream without a probe", async () => {
    let offered = 0;
    server.onConnect = [identity, { type: "cf_agent_stream_resuming", id: "R2" }];
    const { transport, connection } = await connect({ onStreamAvailable: () => offered++ });
    await server.until(() => framesOf(connection, "cf_agent_stream_resume_ack").length === 1);
    expect(offered).toBe(1);
    server.send(chunkFrame("R2", 0, { replay: true }));
    const stream = (await transport.reconnectToStream({ chatId: "c" }))!;
    [1, 2, 3, 4, 5].forEach((seq) => server.send(chunkFrame("R2", seq, { replay: true })));
    server.send(terminal("R2", { replay: true }));
    expect(await readAll(stream)).toEqual(reply);
    expect(framesOf(connection, "cf_agent_stream_resume_request")).toEqual([]);
  });

  it("gives nothing to resume when the server answers resume_none for its probe, and ignores another probe's", async () => {
    const { transport, connection } = await connect();
    const resumed = transport.reconnectToStream({ chatId: "c" });
    await server.until(() => framesOf(connection, "cf_agent_stream_resume_request").length === 1);
    const probeId = framesOf(connection, "cf_agent_stream_resume_request")[0]!.probeId;
    server.send({ type: "cf_agent_stream_resume_none", reason: "idle", probeId: "someone-else" });
    server.send({ type: "cf_agent_stream_pending", id: "Q", probeId });
    server.send({ type: "cf_agent_stream_resume_none", reason: "idle", probeId });
    expect(await resumed).toBeNull();
    expect(transport.isProbing).toBe(false);
  });

  it("offers another tab's live reply, buffered from its first chunk, and ignores replays it did not ask for", async () => {
    let offered = 0;
    const { transport } = await connect({ onStreamAvailable: () => offered++ });
    server.send(chunkFrame("X9", 0, { replay: true }));
    server.send(chunkFrame("T2", 0));
    server.send(chunkFrame("T2", 1));
    await server.until(() => offered === 1);
    expect(transport.hasAvailableStream).toBe(true);
    const stream = (await transport.reconnectToStream({ chatId: "c" }))!;
    [2, 3, 4, 5].forEach((seq) => server.send(chunkFrame("T2", seq)));
    server.send(terminal("T2"));
    expect(await readAll(stream)).toEqual(reply);
  });

  it("after a reconnect, acks its reply again and skips the replayed chunks it already has", async () => {
    const { transport, connection } = await connect();
    const stream = await send(transport);
    await server.until(() => framesOf(connection, "cf_agent_use_chat_request").length === 1);
    const id = framesOf(connection, "cf_agent_use_chat_request")[0]!.id as string;
    [0, 1, 2].forEach((seq) => server.send(chunkFrame(id, seq)));
    server.onConnect = [identity, { type: "cf_agent_stream_resuming", id }];
    connection.socket.terminate();
    await server.until(
      () => server.connections.length === 2 && framesOf(server.last, "cf_agent_stream_resume_ack").length > 0,
    );
    [0, 1, 2, 3].forEach((seq) => server.send(chunkFrame(id, seq, { replay: true })));
    [4, 5].forEach((seq) => server.send(chunkFrame(id, seq)));
    server.send(terminal(id));
    expect(await readAll(stream)).toEqual(reply);
  });

  it("waits for the continuation after a tool result: pending, then resuming, ack and its frames", async () => {
    const { transport, connection } = await connect();
    transport.expectContinuation();
    const stream = (await transport.reconnectToStream({ chatId: "c" }))!;
    await server.until(() => framesOf(connection, "cf_agent_stream_resume_request").length === 1);
    const probeId = framesOf(connection, "cf_agent_stream_resume_request")[0]!.probeId;
    server.send({ type: "cf_agent_stream_pending", id: "U1", probeId });
    server.send({ type: "cf_agent_stream_resuming", id: "C1" });
    await server.until(() => framesOf(connection, "cf_agent_stream_resume_ack").length === 1);
    const continued = { type: "text-delta", id: "t1", delta: "Lyon" };
    server.send({ ...chunkFrame("C1", 0, { continuation: true, replay: true }), body: JSON.stringify(continued) });
    server.send(terminal("C1", { continuation: true }));
    expect(await readAll(stream)).toEqual([continued]);
  });

  it("cancels the turn it shows and then ignores the rest of it", async () => {
    let offered = 0;
    const { transport, connection } = await connect({ onStreamAvailable: () => offered++ });
    const stream = await send(transport);
    await server.until(() => framesOf(connection, "cf_agent_use_chat_request").length === 1);
    const id = framesOf(connection, "cf_agent_use_chat_request")[0]!.id as string;
    server.send(chunkFrame(id, 0));
    await server.until(() => true);
    const reader = stream.getReader();
    expect((await reader.read()).value).toEqual(reply[0]);
    transport.cancel();
    await server.until(() => framesOf(connection, "cf_agent_chat_request_cancel").length === 1);
    expect(framesOf(connection, "cf_agent_chat_request_cancel")).toEqual([
      { type: "cf_agent_chat_request_cancel", id },
    ]);
    server.send(chunkFrame(id, 1));
    server.send(terminal(id, { outcome: "aborted" }));
    expect((await reader.read()).done).toBe(true);
    server.send(chunkFrame("later", 0));
    await server.until(() => offered === 1);
    expect(transport.hasAvailableStream).toBe(true);
  });

  it("passes transcript, message-update and clear frames on, and a clear lets its replies go", async () => {
    const frames: string[] = [];
    const { transport, connection } = await connect({ onSyncFrame: (frame) => frames.push(frame.type) });
    const stream = await send(transport);
    await server.until(() => framesOf(connection, "cf_agent_use_chat_request").length === 1);
    server.send({ type: "cf_agent_chat_messages", messages: [hello] });
    server.send({ type: "cf_agent_message_updated", message: hello });
    server.send({ type: "cf_agent_chat_clear" });
    expect(await readAll(stream)).toEqual([]);
    expect(frames).toEqual(["cf_agent_chat_messages", "cf_agent_message_updated", "cf_agent_chat_clear"]);
  });
});
