import type { JSONSchema7 } from "ai";

/** A tool the page runs itself: described to the model, executed here. */
export interface AITool<Input = unknown, Output = unknown> {
  description?: string;
  /** The JSON Schema of the input. */
  parameters?: JSONSchema7;
  /** Runs the tool; a tool without `execute` is not sent to the server as a client tool. */
  execute?: (input: Input) => Output | Promise<Output>;
}

/** A client tool as the chat request's `clientTools` lists it. */
export interface ClientToolSchema {
  name: string;
  description?: string;
  parameters?: JSONSchema7;
}

/** The `clientTools` of a request: the tools that have an `execute`, or `undefined` if none. */
export function clientToolSchemas(tools: Record<string, AITool> | undefined): ClientToolSchema[] | undefined {
  const schemas = Object.entries(tools ?? {})
    .filter(([, tool]) => tool.execute)
    .map(([name, tool]) => ({ name, description: tool.description, parameters: tool.parameters }));
  return schemas.length > 0 ? schemas : undefined;
}
