import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { liveUrl } from "../live-server.js";
import { launchChromium } from "./chromium.js";

const url = liveUrl();
const waitLong = { timeout: 15_000, interval: 50 };

/**
 * The demo page's chat, in Chromium against the application and its stand-in model (an echo of
 * the user's text; `slow N D` makes N deltas D ms apart; a text with "time" calls `getTime`). Each
 * test has its own browser context, so its own localStorage and so its own random user.
 */
describe("the demo page's chat", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function withUser(test: (context: BrowserContext) => Promise<void>) {
    const context = await browser.newContext();
    try {
      await test(context);
    } finally {
      await context.close();
    }
  }

  async function open(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${url}/`);
    await page.getByTestId("chat-panel").waitFor();
    return page;
  }

  async function send(page: Page, text: string) {
    await page.getByTestId("chat-input").fill(text);
    await page.getByTestId("chat-input").press("Enter");
  }

  /** The text of each message, in order, as `role: text`. */
  const transcript = (page: Page) =>
    page.$$eval("[data-testid=chat-message]", (messages) =>
      messages.map(
        (m) =>
          `${m.getAttribute("data-role")}: ${Array.from(m.querySelectorAll("[data-testid=message-text]"), (t) => t.textContent).join("|")}`,
      ),
    );

  /** The assistant's replies' texts. */
  const replies = async (page: Page) =>
    (await transcript(page)).filter((m) => m.startsWith("assistant: ")).map((m) => m.slice("assistant: ".length));

  /** Whether no reply is on its way: the composer offers Send, not Stop. */
  const idle = (page: Page) => page.getByTestId("chat-send").isVisible();

  /** Each tool card as `tool: state`. */
  const toolCards = (page: Page) =>
    page
      .locator("[data-testid=tool-card]")
      .evaluateAll((all) => all.map((c) => `${c.getAttribute("data-tool")}: ${c.getAttribute("data-state")}`));

  const titles = (page: Page) => page.getByTestId("conversation-item").locator(".conversation-title").allTextContents();

  /**
   * The stand-in's whole echo of a message sent in `deltas` deltas: its text, repeated and joined
   * by one space until it has at least that many characters (docs/chat.md).
   */
  const wholeEcho = (text: string, deltas: number) => {
    let echoed = text;
    while (echoed.length < deltas) echoed += ` ${text}`;
    return echoed;
  };

  it("says the model is the offline stand-in, and starts empty", async () => {
    await withUser(async (context) => {
      const page = await open(context);
      await expect
        .poll(() => page.getByTestId("chat-model").textContent(), waitLong)
        .toBe("stand-in model (offline, deterministic)");
      expect(await page.getByTestId("chat-empty").isVisible()).toBe(true);
      expect(await page.getByTestId("conversation-draft").isVisible()).toBe(true);
      expect(await page.getByTestId("chat-send").isDisabled()).toBe(true);
    });
  });

  it("streams a reply token by token, then lists the conversation under its first message", async () => {
    await withUser(async (context) => {
      const page = await open(context);
      await send(page, "slow 40 40 hello stream");
      // mid-stream: a partial reply, marked as streaming, and Stop instead of Send
      await expect
        .poll(() => page.locator("[data-role=assistant][data-streaming] [data-testid=message-text]").count(), waitLong)
        .toBe(1);
      const partial = (await replies(page))[0] ?? "";
      expect(await page.getByTestId("chat-stop").isVisible()).toBe(true);

      await expect.poll(() => idle(page), waitLong).toBe(true);
      const [reply] = await replies(page);
      expect(reply).toBe(wholeEcho("slow 40 40 hello stream", 40));
      expect(reply!.startsWith(partial) && partial.length < reply!.length).toBe(true);
      expect((await transcript(page))[0]).toBe("user: slow 40 40 hello stream");
      await expect.poll(() => titles(page), waitLong).toEqual(["slow 40 40 hello stream"]);
      expect(await page.getByTestId("chat-title").textContent()).toBe("slow 40 40 hello stream");
    });
  });

  it("shows the getTime tool call as a card, then the answer", async () => {
    await withUser(async (context) => {
      const page = await open(context);
      await send(page, "What time is it?");
      const cards = page.locator("[data-testid=tool-card]");
      await expect.poll(() => toolCards(page), waitLong).toEqual(["getTime: output-available"]);
      expect(await cards.getByTestId("tool-state").textContent()).toBe("done");
      expect(await cards.getByTestId("tool-input").textContent()).toBe("{}");
      expect(JSON.parse((await cards.getByTestId("tool-output").textContent()) ?? "null")).toHaveProperty("time");
      await expect.poll(() => idle(page), waitLong).toBe(true);
      expect((await replies(page))[0]).toMatch(/The time is/);
    });
  });

  it("runs the page's own tool when the agent calls it (/locate), and goes on with its result", async () => {
    await withUser(async (context) => {
      const page = await open(context);
      await send(page, "/locate");
      await expect.poll(() => toolCards(page), waitLong).toEqual(["getLocation: output-available"]);
      const output = JSON.parse((await page.getByTestId("tool-output").textContent()) ?? "null");
      expect(output).toEqual({ timeZone: expect.any(String), language: expect.any(String) });
      await expect.poll(async () => (await replies(page)).join(""), waitLong).toMatch(/getLocation said: .*timeZone/);
      await expect.poll(() => idle(page), waitLong).toBe(true);
    });
  });

  it("asks before a tool that needs approval, and runs it only once approved", async () => {
    await withUser(async (context) => {
      const page = await open(context);
      await send(page, "/delete notes.txt");
      await expect.poll(() => toolCards(page), waitLong).toEqual(["deleteFile: approval-requested"]);
      expect(await page.getByTestId("tool-state").textContent()).toBe("needs approval");
      expect(JSON.parse((await page.getByTestId("tool-input").textContent()) ?? "null")).toEqual({ name: "notes.txt" });
      await page.getByTestId("tool-approve").click();
      await expect.poll(() => toolCards(page), waitLong).toEqual(["deleteFile: output-available"]);
      expect(JSON.parse((await page.getByTestId("tool-output").textContent()) ?? "null")).toEqual({
        deleted: "notes.txt",
      });
      await expect.poll(async () => (await replies(page)).join(""), waitLong).toMatch(/deleteFile said: /);

      await send(page, "/delete secrets.txt");
      await expect
        .poll(() => toolCards(page), waitLong)
        .toEqual(["deleteFile: output-available", "deleteFile: approval-requested"]);
      await page.getByTestId("tool-deny").click();
      await expect
        .poll(() => toolCards(page), waitLong)
        .toEqual(["deleteFile: output-available", "deleteFile: output-denied"]);
    });
  });

  it("stops a reply mid-way, and keeps what was said", async () => {
    await withUser(async (context) => {
      const page = await open(context);
      await send(page, "slow 300 20 stop me");
      await expect.poll(async () => ((await replies(page))[0] ?? "").length, waitLong).toBeGreaterThan(10);
      await page.getByTestId("chat-stop").click();
      await expect.poll(() => idle(page), waitLong).toBe(true);

      await page.reload();
      await page.getByTestId("chat-panel").waitFor();
      await expect.poll(() => replies(page), waitLong).toHaveLength(1);
      const [kept] = await replies(page);
      const whole = wholeEcho("slow 300 20 stop me", 300);
      expect(kept!.length).toBeGreaterThan(0);
      expect(kept!.length).toBeLessThan(whole.length);
      expect(whole.startsWith(kept!)).toBe(true);
    });
  });

  it("comes back to a reply after a reload mid-way, and shows it once, whole", async () => {
    await withUser(async (context) => {
      const page = await open(context);
      await send(page, "slow 100 20 resume me");
      await expect.poll(async () => ((await replies(page))[0] ?? "").length, waitLong).toBeGreaterThan(0);
      await page.reload();
      await page.getByTestId("chat-panel").waitFor();

      // the reply, whole and once: not a second copy built from the frames seen after the reload
      const whole = wholeEcho("slow 100 20 resume me", 100);
      await expect.poll(() => replies(page), waitLong).toEqual([whole]);
      await expect.poll(() => idle(page), waitLong).toBe(true);
      expect(await transcript(page)).toEqual(["user: slow 100 20 resume me", `assistant: ${whole}`]);
    });
  });

  it("shares a conversation live between two tabs of the same user", async () => {
    await withUser(async (context) => {
      const first = await open(context);
      await send(first, "hello from the first tab");
      await expect.poll(() => idle(first), waitLong).toBe(true);

      // a second tab opens on the conversation shown last, with its transcript
      const second = await open(context);
      await expect.poll(() => transcript(second), waitLong).toEqual(await transcript(first));
      expect(await titles(second)).toEqual(["hello from the first tab"]);

      // and sees the next reply stream in
      await send(second, "slow 40 30 and from the second");
      await expect.poll(() => first.locator("[data-role=assistant][data-streaming]").count(), waitLong).toBe(1);
      await expect.poll(() => idle(second), waitLong).toBe(true);
      await expect.poll(() => transcript(first), waitLong).toEqual(await transcript(second));
      expect(await transcript(first)).toHaveLength(4);
    });
  });

  it("starts new conversations, lists them most recent first, and switches between them", async () => {
    await withUser(async (context) => {
      const page = await open(context);
      await send(page, "first topic");
      await expect.poll(() => idle(page), waitLong).toBe(true);
      await expect.poll(() => titles(page), waitLong).toEqual(["first topic"]);

      await page.getByTestId("new-conversation").click();
      await page.getByTestId("chat-empty").waitFor();
      expect(await page.getByTestId("conversation-draft").isVisible()).toBe(true);
      await send(page, "second topic");
      await expect.poll(() => idle(page), waitLong).toBe(true);
      await expect.poll(() => titles(page), waitLong).toEqual(["second topic", "first topic"]);

      await page.getByTestId("conversation-item").filter({ hasText: "first topic" }).click();
      await expect
        .poll(() => transcript(page), waitLong)
        .toEqual(["user: first topic", expect.stringMatching(/^assistant: first topic/)]);
      expect(await page.getByTestId("chat-title").textContent()).toBe("first topic");

      // writing in an older conversation moves it to the top
      await send(page, "back to the first");
      await expect.poll(() => titles(page), waitLong).toEqual(["first topic", "second topic"]);
      await expect.poll(() => idle(page), waitLong).toBe(true);

      // the list is the user's, kept by the server: a reload shows it, on the last conversation
      await page.reload();
      await page.getByTestId("chat-panel").waitFor();
      await expect.poll(() => titles(page), waitLong).toEqual(["first topic", "second topic"]);
      await expect.poll(() => transcript(page), waitLong).toHaveLength(4);
    });
  });

  it("deletes a conversation: off the list, and its messages gone", async () => {
    await withUser(async (context) => {
      const page = await open(context);
      await send(page, "keep me");
      await expect.poll(() => idle(page), waitLong).toBe(true);
      await page.getByTestId("new-conversation").click();
      await send(page, "delete me");
      await expect.poll(() => titles(page), waitLong).toEqual(["delete me", "keep me"]);
      await expect.poll(() => idle(page), waitLong).toBe(true);
      const doomed = page.getByTestId("conversation-item").filter({ hasText: "delete me" });
      const name = await doomed.getAttribute("data-name");

      await page.locator(".conversation-row", { has: doomed }).hover();
      await page.locator(".conversation-row", { has: doomed }).getByTestId("conversation-delete").click();
      await expect.poll(() => titles(page), waitLong).toEqual(["keep me"]);
      await page.getByTestId("chat-empty").waitFor(); // it was shown: a new one is, now
      await expect
        .poll(async () => (await fetch(`${url}/agents/assistant-agent/${name}/get-messages`)).json(), waitLong)
        .toEqual([]);
    });
  });

  it("clears a conversation here, in the other tab, and for good", async () => {
    await withUser(async (context) => {
      const first = await open(context);
      await send(first, "forget me");
      await expect.poll(() => idle(first), waitLong).toBe(true);
      const second = await open(context);
      await expect.poll(() => transcript(second), waitLong).toHaveLength(2);

      await first.getByTestId("chat-clear").click();
      await first.getByTestId("chat-empty").waitFor();
      await expect.poll(() => transcript(second), waitLong).toEqual([]);
      await second.reload();
      await second.getByTestId("chat-panel").waitFor();
      await second.getByTestId("chat-empty").waitFor();
    });
  });
});
