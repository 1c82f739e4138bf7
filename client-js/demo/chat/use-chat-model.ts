import { useEffect, useState } from "react";

/** What the application tells the page of its chat model (`GET /demo/chat-model`). */
export interface ChatModel {
  /** `standin`, `openai`, `anthropic`, ... */
  provider: string;
  /** The model's name; `null` for the stand-in. */
  model: string | null;
  /** Whether it is the built-in stand-in: offline, deterministic, not a real model. */
  standIn: boolean;
}

/** {@return the application's chat model, `undefined` until known, `null` if it cannot be} */
export function useChatModel(): ChatModel | null | undefined {
  const [model, setModel] = useState<ChatModel | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    fetch("/demo/chat-model")
      .then((response) => (response.ok ? (response.json() as Promise<ChatModel>) : null))
      .catch(() => null)
      .then((read) => live && setModel(read));
    return () => {
      live = false;
    };
  }, []);
  return model;
}
