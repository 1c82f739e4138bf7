import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

/** One connection the fake server accepted: its URL and the frames it received. */
export interface FakeConnection {
  url: string;
  socket: WebSocket;
  received: unknown[];
}

/**
 * A WebSocket server on a free loopback port that plays the agent's side by hand: it records
 * every connection and frame, and sends what a test tells it to. For the client's bookkeeping
 * (timeouts, reconnects, ordering); the real gateway is tested in test/integration.
 */
export class FakeAgentServer {
  readonly connections: FakeConnection[] = [];
  readonly #server: WebSocketServer;
  readonly #waiters: Array<() => void> = [];
  /** Frames sent to every new connection, in order. */
  onConnect: unknown[] = [];

  private constructor(server: WebSocketServer) {
    this.#server = server;
    server.on("connection", (socket, request) => {
      const connection: FakeConnection = { url: request.url ?? "", socket, received: [] };
      this.connections.push(connection);
      socket.on("message", (data, isBinary) => {
        const text = data.toString();
        connection.received.push(isBinary ? text : JSON.parse(text));
        this.#wake();
      });
      for (const frame of this.onConnect) socket.send(JSON.stringify(frame));
      this.#wake();
    });
  }

  static async start(): Promise<FakeAgentServer> {
    const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    await new Promise((resolve) => server.once("listening", resolve));
    return new FakeAgentServer(server);
  }

  get host(): string {
    return `127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** The latest connection. */
  get last(): FakeConnection {
    const connection = this.connections.at(-1);
    if (!connection) throw new Error("no connection yet");
    return connection;
  }

  /** Waits until `condition` holds, re-checked after every connection and frame (at most 5 s). */
  async until(condition: () => boolean): Promise<void> {
    const deadline = Date.now() + 5_000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error("condition not met within 5 s");
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  send(frame: unknown, connection: FakeConnection = this.last): void {
    connection.socket.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }

  async close(): Promise<void> {
    for (const connection of this.connections) connection.socket.terminate();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  #wake(): void {
    for (const waiter of this.#waiters.splice(0)) waiter();
  }
}
