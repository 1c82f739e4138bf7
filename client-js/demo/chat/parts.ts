import type { UIMessage } from "ai";

/** One part of a UI message. */
export type Part = UIMessage["parts"][number];

/** A tool call's part (`tool-{name}` or `dynamic-tool`), with the fields the page shows. */
export interface ToolPart {
  type: string;
  toolCallId: string;
  toolName?: string;
  state: string;
  input?: unknown;
  output?: unknown;
  errorText?: string;
  approval?: { id: string; approved?: boolean };
}

/** {@return whether the part is a tool call} */
export function isToolPart(part: Part): part is Part & ToolPart {
  return part.type === "dynamic-tool" || part.type.startsWith("tool-");
}

/** {@return the name of the tool a part calls} */
export function toolName(part: ToolPart): string {
  return part.type === "dynamic-tool" ? (part.toolName ?? "tool") : part.type.slice("tool-".length);
}

/** {@return a message's text, its text parts joined} */
export function messageText(message: UIMessage): string {
  return message.parts
    .map((part) => (part.type === "text" ? part.text : ""))
    .join("")
    .trim();
}
