import { kebabCase } from "./kebab-case.js";

/** Query parameters; `null` and `undefined` values are left out. */
export type QueryParams = Record<string, string | number | boolean | null | undefined>;

/** Where an agent instance lives: the parts of its URL (docs/protocol.md#urls). */
export interface AgentAddress {
  /**
   * `host[:port]`, optionally with a scheme (`https://example.com`). In a browser it defaults to
   * the page's host, with the page's scheme.
   */
  host?: string;
  /** The agent's class name (`CounterAgent`) or public name (`counter-agent`). */
  agent: string;
  /** The instance name; default `default`. */
  name?: string;
  /** The first path segment(s) of agent URLs; default `agents`. */
  prefix?: string;
  /** A sub-path below the instance, passed to the agent as is (`events`, `a/b`). */
  path?: string;
  /** Extra query parameters, passed to the agent as is. */
  query?: QueryParams;
  /**
   * Forces a secure (`wss`/`https`) or plain (`ws`/`http`) connection. By default: the scheme in
   * `host` if any; the page's scheme for the page's own host; plain for loopback and private
   * addresses; secure otherwise.
   */
  protocol?: "ws" | "wss" | "http" | "https";
}

const DEFAULT_PREFIX = "agents";
const DEFAULT_NAME = "default";
const LOCAL_HOST =
  /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+)(:\d+)?$/i;

interface Origin {
  host: string;
  secure: boolean;
}

function pageLocation(): { host: string; protocol: string } | undefined {
  const location = (globalThis as { location?: { host?: string; protocol?: string } }).location;
  return location?.host ? { host: location.host, protocol: location.protocol ?? "" } : undefined;
}

function resolveOrigin(address: AgentAddress): Origin {
  const page = pageLocation();
  if (address.host === undefined || address.host === "") {
    if (!page) {
      throw new Error("AgentBus: `host` is required outside a browser (e.g. 'localhost:8080')");
    }
    return { host: page.host, secure: forced(address) ?? page.protocol === "https:" };
  }
  const match = /^(https?|wss?):\/\/(.*)$/i.exec(address.host);
  const scheme = match?.[1];
  const host = (match?.[2] ?? address.host).replace(/\/+$/, "");
  if (scheme) {
    return { host, secure: scheme.toLowerCase().endsWith("s") };
  }
  const secure = forced(address) ?? (page && page.host === host ? page.protocol === "https:" : !LOCAL_HOST.test(host));
  return { host, secure };
}

function forced(address: AgentAddress): boolean | undefined {
  return address.protocol === undefined ? undefined : address.protocol.endsWith("s");
}

/**
 * The URL of an agent instance: `ws(s)://` for `kind` `"ws"`, `http(s)://` for `"http"`.
 * `extraQuery` comes before the address's own query (the WebSocket's `_pk`).
 *
 * @throws Error if no host is given outside a browser, or the agent or name is empty
 */
export function agentUrl(address: AgentAddress, kind: "ws" | "http", extraQuery: QueryParams = {}): string {
  const agent = kebabCase(address.agent ?? "");
  const name = address.name ?? DEFAULT_NAME;
  if (agent === "") throw new Error("AgentBus: `agent` must not be empty");
  if (name === "") throw new Error("AgentBus: `name` must not be empty");
  const { host, secure } = resolveOrigin(address);
  const scheme = kind + (secure ? "s" : "");
  const prefix = (address.prefix ?? DEFAULT_PREFIX).replace(/^\/+|\/+$/g, "");
  const path = (address.path ?? "").replace(/^\/+/, "");
  const segments = [prefix, agent, encodeURIComponent(name)].filter((s) => s !== "");
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...extraQuery, ...address.query })) {
    if (value !== null && value !== undefined) search.append(key, String(value));
  }
  const query = search.size > 0 ? `?${search}` : "";
  return `${scheme}://${host}/${segments.join("/")}${path ? `/${path}` : ""}${query}`;
}
