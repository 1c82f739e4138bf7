import { describe, expect, it } from "vitest";
import { AgentClient } from "agentbus/client";

interface Counter {
  increment(by: number): number;
  label: string;
}

describe("stub", () => {
  it("turns each method access into a call with the same name and arguments", async () => {
    const calls: Array<[string, unknown[]]> = [];
    const client = new AgentClient<unknown, Counter>({ host: "127.0.0.1:1", agent: "CounterAgent", startClosed: true });
    client.call = async <Result>(method: string, args: unknown[] = []) => {
      calls.push([method, args]);
      return 7 as Result;
    };
    const result: number = await client.stub.increment(3);
    expect(result).toBe(7);
    expect(calls).toEqual([["increment", [3]]]);
    // @ts-expect-error: only methods of the interface are on the stub
    expect(typeof client.stub.label).toBe("function");
  });

  it("is not thenable, so awaiting it does not call a method named 'then'", async () => {
    const client = new AgentClient({ host: "127.0.0.1:1", agent: "a", startClosed: true });
    expect((client.stub as Record<string, unknown>)["then"]).toBeUndefined();
    expect(await Promise.resolve(client.stub)).toBe(client.stub);
  });
});
