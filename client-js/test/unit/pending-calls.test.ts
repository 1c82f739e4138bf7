import { afterEach, describe, expect, it, vi } from "vitest";
import { AgentCallError } from "agentbus/client";
import { PendingCalls } from "../../src/core/pending-calls.js";

const ok = (id: string, result?: unknown, done = true) => ({
  type: "rpc" as const,
  id,
  success: true as const,
  result,
  done,
});

describe("PendingCalls", () => {
  afterEach(() => vi.useRealTimers());

  it("answers calls by id, in whatever order the answers come", async () => {
    const calls = new PendingCalls();
    const first = calls.add("1", "a", 0);
    const second = calls.add("2", "b", 0);
    calls.answer(ok("2", "two"));
    calls.answer(ok("1", "one"));
    expect(await Promise.all([first, second])).toEqual(["one", "two"]);
    expect(calls.size).toBe(0);
  });

  it("passes stream chunks in order, then resolves with the final result", async () => {
    const calls = new PendingCalls();
    const chunks: unknown[] = [];
    const done: unknown[] = [];
    const answer = calls.add("s", "countTo", 0, { onChunk: (c) => chunks.push(c), onDone: (r) => done.push(r) });
    calls.answer(ok("s", 0, false));
    calls.answer(ok("s", 1, false));
    calls.answer(ok("s", 2));
    expect(await answer).toBe(2);
    expect(chunks).toEqual([0, 1]);
    expect(done).toEqual([2]);
  });

  it("rejects with the agent's error text, and tells the stream", async () => {
    const calls = new PendingCalls();
    const errors: string[] = [];
    const answer = calls.add("e", "nope", 0, { onError: (e) => errors.push(e) });
    calls.answer({ type: "rpc", id: "e", success: false, error: "Method nope does not exist" });
    const error = await answer.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgentCallError);
    expect(error).toMatchObject({ kind: "remote", method: "nope", message: "Method nope does not exist" });
    expect(errors).toEqual(["Method nope does not exist"]);
  });

  it("times a call out, and drops its late answer", async () => {
    vi.useFakeTimers();
    const calls = new PendingCalls();
    const answer = calls.add("t", "slow", 1_000).catch((e: unknown) => e);
    vi.advanceTimersByTime(999);
    expect(calls.has("t")).toBe(true);
    vi.advanceTimersByTime(1);
    expect(await answer).toMatchObject({ kind: "timeout", message: 'Call to "slow" timed out after 1000 ms' });
    calls.answer(ok("t", "late"));
    expect(calls.size).toBe(0);
  });

  it("clears the timer of an answered call", async () => {
    vi.useFakeTimers();
    const calls = new PendingCalls();
    const answer = calls.add("1", "a", 1_000);
    calls.answer(ok("1", "fine"));
    vi.advanceTimersByTime(5_000);
    expect(await answer).toBe("fine");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("fails only the calls that were sent when the connection drops", async () => {
    const calls = new PendingCalls();
    const sent = calls.add("sent", "a", 0).catch((e: unknown) => e);
    const queued = calls.add("queued", "b", 0);
    calls.markSent("sent");
    calls.failSent((method) => new AgentCallError(method, "disconnected", `lost ${method}`));
    expect(await sent).toMatchObject({ kind: "disconnected", message: "lost a" });
    expect(calls.has("queued")).toBe(true);
    calls.failAll((method) => new AgentCallError(method, "closed", `closed ${method}`));
    await expect(queued).rejects.toMatchObject({ kind: "closed" });
  });

  it("ignores answers to ids it does not know", () => {
    const calls = new PendingCalls();
    expect(() => calls.answer(ok("unknown", 1))).not.toThrow();
    expect(calls.size).toBe(0);
  });
});
