import type { AITool, OnToolCall } from "agentbus/chat";

/**
 * The tools the page runs itself, offered to the model with every request. `getLocation` is the
 * one `AssistantAgent`'s `/locate` command calls. It asks for no permission: it answers with what
 * the browser tells every page, its time zone and language, rather than a position.
 */
export const clientTools: Record<string, AITool> = {
  getLocation: {
    description: "Where the user is, roughly: the browser's time zone and language",
    parameters: { type: "object", properties: {} },
    execute: () => ({
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      language: navigator.language,
    }),
  },
};

/** Runs a call of one of `clientTools` and hands its output (or its error) to the hook. */
export const runClientTool: OnToolCall = async ({ toolCall, addToolOutput }) => {
  const tool = clientTools[toolCall.toolName];
  if (!tool?.execute) return; // not the page's: a server tool, or one awaiting approval
  try {
    addToolOutput({ toolCallId: toolCall.toolCallId, output: await tool.execute(toolCall.input) });
  } catch (e) {
    addToolOutput({
      toolCallId: toolCall.toolCallId,
      state: "output-error",
      errorText: e instanceof Error ? e.message : String(e),
    });
  }
};
