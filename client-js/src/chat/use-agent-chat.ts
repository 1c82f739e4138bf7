import { useChat, type UseChatHelpers } from "@ai-sdk/react";
import { getToolName, isToolUIPart, type ChatInit, type UIMessage } from "ai";
import { use, useEffect, useMemo, useRef } from "react";
import type { AgentClient } from "../core/agent-client.js";
import { AgentChatTransport, type ChatSyncFrame } from "./agent-chat-transport.js";
import { clientToolSchemas, type AITool } from "./client-tools.js";
import type { ChatResponseFrame } from "./frames.js";
import { cachedMessages, getAgentMessages, holdMessages, messagesUrl } from "./initial-messages.js";
import { findToolPart, withTranscript, withUpdatedMessage } from "./messages.js";

/** The output of a tool the page ran, or its failure (`state: "output-error"`). */
export interface AddToolOutputOptions {
  toolCallId: string;
  /** The tool's name; found from the call when absent. */
  toolName?: string;
  output?: unknown;
  state?: "output-available" | "output-error";
  /** With `state: "output-error"`; default `Tool execution denied by user`. */
  errorText?: string;
}

/** Runs a client tool call once its turn has ended; answers through `addToolOutput`. */
export type OnToolCall = (call: {
  toolCall: { toolCallId: string; toolName: string; input: unknown };
  addToolOutput: (output: Omit<AddToolOutputOptions, "toolName">) => void;
}) => void | Promise<void>;

/** How a turn ended, as `onTurnEnd` tells it. */
export interface ChatTurnEndEvent {
  requestId: string;
  /** The ids of the user messages the request ended with. */
  messageIds?: string[];
  outcome: "completed" | "aborted" | "error" | "skipped";
  /** The error's text, when `outcome` is `error`. */
  error?: string;
  /** Whether the end was replayed (after a resume) rather than seen live. */
  replay: boolean;
}

/** The options of `useAgentChat`: the agent, what the SDK's chat hook takes, and `useChat`'s own. */
export interface UseAgentChatOptions<M extends UIMessage = UIMessage> extends Omit<
  ChatInit<M>,
  "id" | "messages" | "transport" | "onToolCall"
> {
  /** What `useAgent` returns (its `client` is the connection the chat uses). */
  agent: { client: AgentClient<any, any> };
  /**
   * Loads the conversation when the component mounts (it suspends until then); by default
   * `GET .../get-messages`. `null` loads nothing and starts with `messages`.
   */
  getInitialMessages?: null | ((source: { agent: string; name: string; url: string }) => Promise<M[]>);
  /** The first messages when `getInitialMessages` is `null`. */
  messages?: M[];
  /** `credentials` and `headers` of the `get-messages` request. */
  credentials?: RequestCredentials;
  headers?: HeadersInit;
  /** Extra fields of every chat request's body (the agent's extra body), or a function making them. */
  body?: Record<string, unknown> | (() => Record<string, unknown> | Promise<Record<string, unknown>>);
  /** Adds to a request's body, knowing its messages and trigger. */
  prepareSendMessagesRequest?: (request: {
    id: string;
    messages: M[];
    trigger: "submit-message" | "regenerate-message";
    messageId?: string;
  }) => { body?: Record<string, unknown> } | Promise<{ body?: Record<string, unknown> }>;
  /** Tools the page runs: those with `execute` are sent as `clientTools` and run when called. */
  tools?: Record<string, AITool<any, any>>;
  /** Runs every tool call left waiting when a turn ends (instead of `tools[name].execute`). */
  onToolCall?: OnToolCall;
  /** After a tool result or an approval, the server continues the reply. Default true. */
  autoContinueAfterToolResult?: boolean;
  /** Attach to a reply streaming when the page loads or reconnects. Default true. */
  resume?: boolean;
  /** Whether a stream the page stops reading (not `stop()`) cancels the turn. Default false. */
  cancelOnClientAbort?: boolean;
  /** Whether `setMessages` stores the list on the server (`cf_agent_chat_messages`). Default true. */
  syncMessagesToServer?: boolean;
  /** Milliseconds between two renders of a streaming reply; `false` renders every chunk. Default 50. */
  throttle?: number | false;
  /** Every turn's end: this tab's, other tabs', and replayed ones. */
  onTurnEnd?: (event: ChatTurnEndEvent) => void;
}

/** What `useAgentChat` returns: `useChat`'s helpers, bound to the agent. */
export type UseAgentChat<M extends UIMessage = UIMessage> = Omit<
  UseChatHelpers<M>,
  "addToolOutput" | "addToolResult"
> & {
  /**
   * Whether a reply streams into this chat: one this tab asked for, another tab's, or a
   * continuation (all of them go through `status`, so this is `status === "streaming"`).
   */
  isStreaming: boolean;
  /** Empties the conversation here, on the server and in every other tab. */
  clearHistory: () => void;
  /** Gives a tool call's output (or failure) to the server, which continues the reply. */
  addToolOutput: (output: AddToolOutputOptions) => void;
  /** @deprecated `addToolOutput`. */
  addToolResult: (result: { tool: string; toolCallId: string; output: unknown }) => void;
};

/**
 * A chat with a chat agent (`ChatAgent`) over the connection of `useAgent`: the AI SDK's `useChat`
 * on an `AgentChatTransport`. It loads the stored conversation, streams replies, attaches to a
 * reply already streaming (on load, on reconnect, and another tab's), keeps the list in step with
 * the other tabs, and runs client tools and approvals (docs/protocol.md#chat).
 *
 * ```tsx
 * const agent = useAgent({ agent: "AssistantAgent", name: "room-1" });
 * const { messages, sendMessage, stop, clearHistory } = useAgentChat({ agent });
 * ```
 *
 * A reply another tab asked for streams here through `status` too (`"streaming"`), and `stop()`
 * cancels it.
 */
export function useAgentChat<M extends UIMessage = UIMessage>(options: UseAgentChatOptions<M>): UseAgentChat<M> {
  const { agent, getInitialMessages, messages: given, credentials, headers, throttle = 50 } = options;
  const latest = useRef(options);
  latest.current = options;
  const client = agent.client;
  const url = messagesUrl(client.url);

  const loading =
    getInitialMessages === null
      ? undefined
      : cachedMessages(url, () =>
          (getInitialMessages ?? ((source) => getAgentMessages<M>({ url: source.url, credentials, headers })))({
            agent: client.agent,
            name: client.name,
            url,
          }),
        );
  const initial = loading ? use(loading) : (given ?? []);
  useEffect(() => (loading ? holdMessages(url, loading) : undefined), [url, loading]);

  const live = useRef({ busy: 0, mounted: false, resumeWanted: false, continuationWanted: false });
  const handledCalls = useRef(new Set<string>());
  const actions = useRef<{ kick(): void; sync(frame: ChatSyncFrame<M>): void; missedEnd(): void } | null>(null);
  const transport = useMemo(
    () =>
      new AgentChatTransport<M>(client, {
        prepareBody: (request) => prepareBody(latest.current, client.id, request),
        get cancelOnClientAbort() {
          return latest.current.cancelOnClientAbort ?? false;
        },
        onStreamAvailable: () => actions.current?.kick(),
        onReconnect: () => {
          live.current.resumeWanted = latest.current.resume ?? true;
          actions.current?.kick();
        },
        onMissedEnd: () => actions.current?.missedEnd(),
        onTurnEnd: (frame, error) => latest.current.onTurnEnd?.(turnEndEvent(frame, error)),
        onSyncFrame: (frame) => actions.current?.sync(frame),
      }),
    [client],
  );

  const chat = useChat<M>({
    ...chatInit(options),
    id: url,
    messages: initial,
    transport,
    throttle: throttle === false ? undefined : throttle,
  });
  const helpers = useRef(chat);
  helpers.current = chat;

  /** Runs one of the chat's requests, counted as busy until it ends; then looks for what waits. */
  function track(request: Promise<void>): Promise<void> {
    live.current.busy++;
    const settle = () => {
      live.current.busy--;
      kick();
    };
    request.then(settle, settle);
    return request;
  }

  /** Attaches to a reply that waits (a continuation, an offered or watched stream, a resume), when idle. */
  function kick(): void {
    const state = live.current;
    if (state.busy > 0 || !state.mounted) return;
    if (state.continuationWanted) {
      state.continuationWanted = false;
      transport.expectContinuation();
    } else if (state.resumeWanted || transport.hasAvailableStream) {
      state.resumeWanted = false;
    } else {
      return;
    }
    void track(helpers.current.resumeStream()).catch(() => {});
  }

  function send(frame: object): void {
    client.send(JSON.stringify(frame));
  }

  function continueAfter(update: Promise<void>): void {
    if (!(latest.current.autoContinueAfterToolResult ?? true)) return;
    void update.finally(() => {
      live.current.continuationWanted = true;
      kick();
    });
  }

  function addToolOutput(result: AddToolOutputOptions): void {
    const { toolCallId, output } = result;
    const part = findToolPart(helpers.current.messages, (p) => p.toolCallId === toolCallId);
    const toolName = result.toolName ?? (part ? getToolName(part as never) : "");
    const failed = result.state === "output-error";
    const errorText = failed ? (result.errorText ?? "Tool execution denied by user") : undefined;
    const autoContinue = !failed && (latest.current.autoContinueAfterToolResult ?? true);
    const clientTools = clientToolSchemas(latest.current.tools);
    send({
      type: "cf_agent_tool_result",
      toolCallId,
      toolName,
      output,
      ...(failed ? { state: result.state, errorText } : {}),
      autoContinue,
      clientTools,
    });
    const addLocally = helpers.current.addToolOutput as (output: object) => Promise<void>;
    const update = addLocally(
      failed
        ? { state: "output-error", tool: toolName, toolCallId, errorText }
        : { tool: toolName, toolCallId, output },
    );
    if (autoContinue) continueAfter(update);
  }

  function clearHere(): void {
    transport.letGo();
    handledCalls.current.clear();
    live.current.continuationWanted = false;
    helpers.current.setMessages([]);
    // a stream that ends as it is stopped may write its message back: empty the list once more
    void helpers.current.stop().then(() => helpers.current.setMessages([]));
  }

  actions.current = {
    kick,
    sync(frame) {
      const { setMessages } = helpers.current;
      if (frame.type === "cf_agent_chat_messages") {
        setMessages((local) => withTranscript(local, frame.messages, transport.isReplyUnfinished));
      } else if (frame.type === "cf_agent_message_updated") {
        setMessages((local) => withUpdatedMessage(local, frame.message));
      } else {
        clearHere();
      }
    },
    missedEnd() {
      void getAgentMessages<M>({ url, credentials, headers }).then((messages) => helpers.current.setMessages(messages));
    },
  };

  useEffect(() => {
    const stopListening = transport.listen();
    live.current.mounted = true;
    live.current.resumeWanted = latest.current.resume ?? true;
    actions.current?.kick();
    return () => {
      live.current.mounted = false;
      stopListening();
    };
  }, [transport]);

  useEffect(() => {
    if (chat.status === "streaming" || chat.status === "submitted") return;
    actions.current?.kick();
    const last = chat.messages.at(-1);
    if (last?.role !== "assistant") return;
    for (const part of last.parts) {
      if (!isToolUIPart(part) || part.state !== "input-available" || handledCalls.current.has(part.toolCallId))
        continue;
      const toolName = getToolName(part);
      const { onToolCall: run, tools: known } = latest.current;
      const execute = known?.[toolName]?.execute;
      if (!run && !execute) continue;
      const toolCall = { toolCallId: part.toolCallId, toolName, input: part.input };
      handledCalls.current.add(toolCall.toolCallId);
      const answer = (output: Omit<AddToolOutputOptions, "toolName">) => addToolOutput({ ...output, toolName });
      const running = run
        ? Promise.resolve(run({ toolCall, addToolOutput: answer }))
        : Promise.resolve()
            .then(() => execute!(toolCall.input))
            .then((output) => answer({ toolCallId: toolCall.toolCallId, output }));
      running.catch((error: unknown) =>
        answer({
          toolCallId: toolCall.toolCallId,
          state: "output-error",
          errorText: String((error as Error)?.message ?? error),
        }),
      );
    }
  }, [chat.status, chat.messages]);

  return {
    ...chat,
    isStreaming: chat.status === "streaming",
    sendMessage: (...args) => track(chat.sendMessage(...args)),
    regenerate: (...args) => track(chat.regenerate(...args)),
    resumeStream: (...args) => track(chat.resumeStream(...args)),
    stop: () => {
      transport.cancel();
      return chat.stop();
    },
    setMessages: (update) => {
      const messages = typeof update === "function" ? update(helpers.current.messages) : update;
      chat.setMessages(messages);
      if (latest.current.syncMessagesToServer ?? true) send({ type: "cf_agent_chat_messages", messages });
    },
    clearHistory: () => {
      clearHere();
      send({ type: "cf_agent_chat_clear" });
    },
    addToolOutput,
    addToolResult: ({ tool, toolCallId, output }) => addToolOutput({ toolName: tool, toolCallId, output }),
    addToolApprovalResponse: (response) => {
      const part = findToolPart(helpers.current.messages, (p) => p.approval?.id === response.id);
      const autoContinue = latest.current.autoContinueAfterToolResult ?? true;
      if (part)
        send({
          type: "cf_agent_tool_approval",
          toolCallId: part.toolCallId,
          approved: response.approved,
          autoContinue,
        });
      else console.warn(`AgentBus: no tool call waits for the approval ${response.id}; the server was not told`);
      const update = Promise.resolve(chat.addToolApprovalResponse(response));
      if (part) continueAfter(update);
      return update;
    },
  };
}

/** The hook's own options. */
const OWN_OPTIONS = new Set([
  "agent",
  "getInitialMessages",
  "messages",
  "credentials",
  "headers",
  "body",
  "prepareSendMessagesRequest",
  "tools",
  "onToolCall",
  "autoContinueAfterToolResult",
  "resume",
  "cancelOnClientAbort",
  "syncMessagesToServer",
  "throttle",
  "onTurnEnd",
]);

/** The options that go to `useChat` as they are (`onError`, `onFinish`, `onData`, `generateId`, ...). */
function chatInit<M extends UIMessage>(
  options: UseAgentChatOptions<M>,
): Omit<ChatInit<M>, "id" | "messages" | "transport"> {
  return Object.fromEntries(Object.entries(options).filter(([key]) => !OWN_OPTIONS.has(key)));
}

/** The extra body of a chat request: the `body` option, the client tools, `prepareSendMessagesRequest`'s body. */
async function prepareBody<M extends UIMessage>(
  options: UseAgentChatOptions<M>,
  connectionId: string,
  request: { messages: M[]; trigger: "submit-message" | "regenerate-message"; messageId: string | undefined },
): Promise<Record<string, unknown>> {
  const extra = { ...(typeof options.body === "function" ? await options.body() : options.body) };
  const clientTools = clientToolSchemas(options.tools);
  if (clientTools) extra.clientTools = clientTools;
  const prepared = await options.prepareSendMessagesRequest?.({ id: connectionId, ...request });
  return { ...extra, ...prepared?.body };
}

function turnEndEvent(frame: ChatResponseFrame, error: string | undefined): ChatTurnEndEvent {
  const outcome = frame.outcome ?? (error !== undefined ? "error" : "completed");
  return {
    requestId: frame.id,
    ...(frame.messageIds ? { messageIds: frame.messageIds } : {}),
    outcome: outcome === "recovering" ? "completed" : outcome,
    ...(outcome === "error" && error !== undefined ? { error } : {}),
    replay: frame.replay === true,
  };
}
