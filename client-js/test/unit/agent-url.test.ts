import { afterEach, describe, expect, it, vi } from "vitest";
import { agentFetch, agentUrl, kebabCase } from "agentbus/client";

describe("kebabCase", () => {
  it("follows the gateway's rule for class names", () => {
    expect(kebabCase("CounterAgent")).toBe("counter-agent");
    expect(kebabCase("Counter")).toBe("counter");
    expect(kebabCase("MY_AGENT")).toBe("my-agent");
    expect(kebabCase("ChatAgent2")).toBe("chat-agent2");
    expect(kebabCase("a_b_")).toBe("a-b");
  });

  it("leaves a kebab-case name as it is", () => {
    expect(kebabCase("counter-agent")).toBe("counter-agent");
  });
});

describe("agentUrl", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("builds the WebSocket URL of docs/protocol.md#urls with the connection id first", () => {
    expect(agentUrl({ host: "localhost:8080", agent: "CounterAgent", name: "room-1" }, "ws", { _pk: "abc" })).toBe(
      "ws://localhost:8080/agents/counter-agent/room-1?_pk=abc",
    );
  });

  it("defaults the instance name to 'default' and the prefix to 'agents'", () => {
    expect(agentUrl({ host: "127.0.0.1:9", agent: "Counter" }, "http")).toBe(
      "http://127.0.0.1:9/agents/counter/default",
    );
  });

  it("takes a custom prefix, a sub-path and a query, dropping null and undefined values", () => {
    const url = agentUrl(
      {
        host: "localhost:8080",
        agent: "counter-agent",
        name: "r",
        prefix: "/api/v1/",
        path: "/events/today",
        query: { token: "t 1", page: 2, skip: null, also: undefined },
      },
      "http",
    );
    expect(url).toBe("http://localhost:8080/api/v1/counter-agent/r/events/today?token=t+1&page=2");
  });

  it("percent-encodes the instance name into one path segment", () => {
    expect(agentUrl({ host: "localhost:1", agent: "A", name: "a b/c?" }, "http")).toBe(
      "http://localhost:1/agents/a/a%20b%2Fc%3F",
    );
  });

  it("uses plain schemes for loopback and private hosts and secure ones elsewhere", () => {
    const scheme = (host: string) => agentUrl({ host, agent: "a" }, "ws").split(":")[0];
    expect(scheme("localhost:8080")).toBe("ws");
    expect(scheme("127.0.0.1:8080")).toBe("ws");
    expect(scheme("[::1]:8080")).toBe("ws");
    expect(scheme("192.168.1.20:8080")).toBe("ws");
    expect(scheme("10.0.0.2")).toBe("ws");
    expect(scheme("172.20.0.1:80")).toBe("ws");
    expect(scheme("172.32.0.1:80")).toBe("wss");
    expect(scheme("agents.example.com")).toBe("wss");
  });

  it("follows a scheme in the host, and an explicit protocol", () => {
    expect(agentUrl({ host: "http://example.com/", agent: "a" }, "ws")).toBe("ws://example.com/agents/a/default");
    expect(agentUrl({ host: "wss://localhost:8080", agent: "a" }, "http")).toBe(
      "https://localhost:8080/agents/a/default",
    );
    expect(agentUrl({ host: "localhost:8080", agent: "a", protocol: "wss" }, "ws")).toMatch(/^wss:/);
    expect(agentUrl({ host: "example.com", agent: "a", protocol: "http" }, "ws")).toMatch(/^ws:/);
  });

  it("in a browser, defaults to the page's host and scheme", () => {
    vi.stubGlobal("location", { host: "app.example.com:8443", protocol: "https:" });
    expect(agentUrl({ agent: "CounterAgent" }, "ws")).toBe("wss://app.example.com:8443/agents/counter-agent/default");
    vi.stubGlobal("location", { host: "box.internal:8080", protocol: "http:" });
    expect(agentUrl({ host: "box.internal:8080", agent: "a" }, "ws")).toMatch(/^ws:/);
  });

  it("refuses a missing host outside a browser, and an empty agent or name", () => {
    expect(() => agentUrl({ agent: "a" }, "ws")).toThrow(/host/);
    expect(() => agentUrl({ host: "localhost:1", agent: "" }, "ws")).toThrow(/agent/);
    expect(() => agentUrl({ host: "localhost:1", agent: "a", name: "" }, "ws")).toThrow(/name/);
  });
});

describe("agentFetch", () => {
  it("sends the request to the agent's HTTP URL with the given init", async () => {
    const requests: Array<[string, RequestInit | undefined]> = [];
    const recordingFetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      requests.push([String(input), init]);
      return new Response("{}");
    };
    await agentFetch(
      { host: "localhost:8080", agent: "CounterAgent", name: "room-1", path: "events", fetch: recordingFetch },
      { method: "POST" },
    );
    expect(requests).toEqual([["http://localhost:8080/agents/counter-agent/room-1/events", { method: "POST" }]]);
  });
});
