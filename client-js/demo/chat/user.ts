/**
 * Who "the user" is on the demo page: a random id this browser keeps in localStorage (there is no
 * sign-in). `?user=<id>` in the address adopts another id, e.g. the one another device shows, so
 * that its conversations follow.
 */
const USER_KEY = "agentbus-demo.user";
const ID_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

function randomPart(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => "abcdefghijklmnopqrstuvwxyz0123456789"[b % 36]).join("");
}

/** {@return the user's id, made and stored on the first visit} */
export function userId(): string {
  const fromAddress = new URLSearchParams(window.location.search).get("user");
  if (fromAddress && ID_PATTERN.test(fromAddress)) {
    localStorage.setItem(USER_KEY, fromAddress);
    return fromAddress;
  }
  const stored = localStorage.getItem(USER_KEY);
  if (stored && ID_PATTERN.test(stored)) {
    return stored;
  }
  const made = `u-${randomPart(8)}`;
  localStorage.setItem(USER_KEY, made);
  return made;
}

/** {@return a name for a new conversation's `AssistantAgent` instance: `<user>-<random>`} */
export function newConversationName(user: string): string {
  return `${user}-${randomPart(6)}`;
}

const currentKey = (user: string) => `agentbus-demo.conversation.${user}`;

/** {@return the conversation this browser showed last for the user, if any} */
export function lastConversation(user: string): string | null {
  return localStorage.getItem(currentKey(user));
}

/** Remembers the conversation shown, so that a reload comes back to it. */
export function rememberConversation(user: string, name: string): void {
  localStorage.setItem(currentKey(user), name);
}
