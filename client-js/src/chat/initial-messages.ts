import type { UIMessage } from "ai";
import { agentUrl } from "../core/agent-url.js";

/** Where to fetch a conversation: an agent's address, or the `get-messages` URL itself. */
export type AgentMessagesSource =
  | { host: string; agent: string; name: string; credentials?: RequestCredentials; headers?: HeadersInit }
  | { url: string; credentials?: RequestCredentials; headers?: HeadersInit };

/**
 * Fetches a chat agent's stored conversation (`GET {instance}/get-messages`,
 * docs/protocol.md#get-messages). An answer that is not `2xx`, empty, or not JSON reads as `[]`,
 * with a console warning.
 */
export async function getAgentMessages<M extends UIMessage = UIMessage>(source: AgentMessagesSource): Promise<M[]> {
  const url =
    "url" in source
      ? source.url
      : `${agentUrl({ host: source.host, agent: source.agent, name: source.name }, "http")}/get-messages`;
  try {
    const response = await fetch(url, { credentials: source.credentials, headers: source.headers });
    if (!response.ok) {
      console.warn(`AgentBus: ${url} answered ${response.status}; starting with no messages`);
      return [];
    }
    const text = await response.text();
    return text.trim() ? (JSON.parse(text) as M[]) : [];
  } catch (error) {
    console.warn(`AgentBus: could not read ${url}; starting with no messages`, error);
    return [];
  }
}

/** The `get-messages` URL of a WebSocket URL: `http(s)`, without `_pk`, `/get-messages` after the path. */
export function messagesUrl(socketUrl: string): string {
  const url = new URL(socketUrl.replace(/^ws/, "http"));
  url.searchParams.delete("_pk");
  url.pathname += "/get-messages";
  return url.toString();
}

/**
 * The fetches of `get-messages` by URL, shared by every render of a hook that suspends until its
 * promise settles (React renders it again and must find the same promise). A mounted hook holds
 * its entry; unmounting drops it, so that a later mount fetches again.
 */
const fetches = new Map<string, Promise<unknown[]>>();

/** The promise of the messages at `key`, made by `load` the first time. */
export function cachedMessages<M>(key: string, load: () => Promise<M[]>): Promise<M[]> {
  let promise = fetches.get(key);
  if (!promise) {
    promise = load();
    fetches.set(key, promise);
  }
  return promise as Promise<M[]>;
}

/** Keeps `promise` as the entry of `key` while mounted; returns the function that drops it. */
export function holdMessages(key: string, promise: Promise<unknown[]>): () => void {
  fetches.set(key, promise);
  return () => {
    if (fetches.get(key) === promise) fetches.delete(key);
  };
}
