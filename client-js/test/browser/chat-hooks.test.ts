import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { build, preview, type PreviewServer } from "vite";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { packageAliases } from "../../vite.config.ts";
import { freshName, liveHost } from "../live-server.js";
import { launchChromium } from "./chromium.js";
import type { ChatViewState } from "./chat-page/chat-view.js";

/**
 * The chat hooks in Chromium against AssistantAgent and its stand-in model (docs/chat.md): the
 * Agents SDK's `useAgentChat` (`agents/chat/react` on `agents/react`'s `useAgent`) and ours
 * (`agentbus/chat` on `agentbus/react`), through the same page and the same scenarios. The
 * stand-in echoes a message in 20 deltas 5 ms apart; `slow N D` first makes it N deltas D ms apart;
 * `time` calls the server tool getTime; `/locate` calls the page's getLocation and `/delete <name>` the
 * server tool deleteFile, which needs approval.
 */
const root = fileURLToPath(new URL("./chat-page", import.meta.url));
const waitLong = { timeout: 10_000, interval: 50 };
const hooks = ["official", "ours"] as const;

declare global {
  interface Window {
    /** How many of the page's WebSockets are open. */
    openSockets: number;
    resumeAnswers: number;
  }
}

/** Counts the page's open WebSockets, so that a test starts once the chat is connected. */
function countOpenSockets() {
  window.openSockets = 0;
  window.resumeAnswers = 0;
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener("open", () => window.openSockets++);
      this.addEventListener("close", () => window.openSockets--);
      this.addEventListener("message", (event) => {
        if (typeof event.data === "string" && event.data.includes('"cf_agent_stream_resume_none"'))
          window.resumeAnswers++;
      });
    }
  };
}

/** A text the stand-in echoes slowly: `deltas` deltas `pauseMs` apart. */
function slowText(deltas: number, pauseMs: number): string {
  return `slow ${deltas} ${pauseMs} ${Array.from({ length: 60 }, (_, i) => `word${i}`).join(" ")}`;
}

async function storedMessages(
  name: string,
): Promise<Array<{ role: string; parts: Array<{ type: string; text?: string }> }>> {
  const response = await fetch(`http://${liveHost()}/agents/assistant-agent/${name}/get-messages`);
  return response.json();
}

const storedText = (message: { parts: Array<{ type: string; text?: string }> } | undefined) =>
  message?.parts.map((part) => (part.type === "text" ? part.text : "")).join("");

describe.each(hooks)("useAgentChat (%s) against AssistantAgent", (hook) => {
  let outDir: string;
  let server: PreviewServer;
  let browser: Browser;
  const pages: Page[] = [];

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), "agentbus-chat-page-"));
    const config = {
      root,
      configFile: false as const,
      logLevel: "warn" as const,
      mode: "development",
      resolve: { alias: packageAliases },
      define: { "process.env.NODE_ENV": JSON.stringify("development") },
      build: {
        outDir,
        emptyOutDir: true,
        minify: false,
        rollupOptions: { input: { [hook]: join(root, `${hook}.html`) } },
      },
      // the page and the agents on one origin, as the application serves its pages: no CORS
      preview: { host: "127.0.0.1", port: 0, proxy: { "/agents": { target: `http://${liveHost()}`, ws: true } } },
    };
    await build(config);
    server = await preview(config);
    browser = await launchChromium();
  });

  afterEach(async () => {
    for (const page of pages.splice(0)) await page.close();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  /** Opens the chat page of instance `name` and waits until the hook has rendered and connected. */
  async function open(name: string): Promise<Page> {
    const page = await browser.newPage();
    pages.push(page);
    await page.addInitScript(countOpenSockets);
    page.on("console", (message) => {
      const noise = message.text().startsWith("Failed to load resource"); // the favicon
      if ((message.type() === "error" || message.type() === "warning") && !noise)
        console.log(`[${hook} page] ${message.text()}`);
    });
    await page.goto(`${server.resolvedUrls?.local[0]}${hook}.html?name=${name}`);
    page.on("pageerror", (error) => console.error(`[${hook} page] ${error.message}`));
    await expect
      .poll(() => page.evaluate(() => window.chat !== undefined && window.chatView.status), waitLong)
      .toBe("ready");
    return page;
  }

  const view = (page: Page): Promise<ChatViewState> => page.evaluate(() => window.chatView);
  const status = async (page: Page) => (await view(page)).status;
  const reply = async (page: Page) => (await view(page)).messages.findLast((message) => message.role === "assistant");
  const replyText = async (page: Page) => (await reply(page))?.text;
  const roles = async (page: Page) => (await view(page)).messages.map((message) => message.role);
  const send = (page: Page, text: string) => page.evaluate((t) => window.chat.send(t), text);
  const toolOf = async (page: Page, type: string) => (await reply(page))?.tools.find((tool) => tool.type === type);

  it("streams the reply to a message", async () => {
    const page = await open(freshName("chat-send"));
    await send(page, "hello from the browser");
    await expect.poll(() => replyText(page), waitLong).toBe("hello from the browser");
    await expect.poll(() => status(page), waitLong).toBe("ready");
    expect(await roles(page)).toEqual(["user", "assistant"]);
  });

  it("gets the rest of a reply after a reload mid-reply, with nothing twice and nothing missing", async () => {
    const name = freshName("chat-reload");
    const text = slowText(200, 20);
    const page = await open(name);
    await send(page, text);
    await expect.poll(async () => ((await replyText(page)) ?? "").length, waitLong).toBeGreaterThan(0);
    await page.reload();
    await expect.poll(() => replyText(page), waitLong).toBe(text);
    await expect.poll(() => status(page), waitLong).toBe("ready");
    expect(await roles(page)).toEqual(["user", "assistant"]);
    const seen = (await view(page)).seenLengths;
    expect(
      seen.some((length) => length < text.length),
      `lengths seen after the reload: ${seen}`,
    ).toBe(true);
    expect(await replyText(page)).toBe(text);
  });

  it("shows a reply to the other tab of the same chat while it streams", async () => {
    const name = freshName("chat-tabs");
    const text = slowText(40, 20);
    const [first, second] = [await open(name), await open(name)];
    // both tabs settled (their mount-time resume probe answered): this is the live view of an open
    // tab; a tab that opens mid-reply is the reload scenario's
    for (const page of [first, second])
      await expect.poll(() => page.evaluate(() => window.resumeAnswers), waitLong).toBeGreaterThan(0);
    await send(first, text);
    for (const page of [first, second]) {
      await expect.poll(() => replyText(page), waitLong).toBe(text);
      await expect.poll(() => status(page), waitLong).toBe("ready");
      expect(await roles(page)).toEqual(["user", "assistant"]);
    }
    const seen = (await view(second)).seenLengths;
    expect(
      seen.some((length) => length > 0 && length < text.length),
      `lengths seen: ${seen}`,
    ).toBe(true);
  });

  it("clears the conversation in the other tab and on the server", async () => {
    const name = freshName("chat-clear");
    const [first, second] = [await open(name), await open(name)];
    await send(first, "remember this conversation, please");
    await expect.poll(() => replyText(second), waitLong).toBe("remember this conversation, please");
    await expect.poll(() => status(second), waitLong).toBe("ready");
    await first.evaluate(() => window.chat.clear());
    await expect.poll(() => roles(second), waitLong).toEqual([]);
    await expect.poll(() => roles(first), waitLong).toEqual([]);
    await expect.poll(() => storedMessages(name), waitLong).toEqual([]);
  });

  it("stops a reply mid-way: the page and the store keep the part that came", async () => {
    const name = freshName("chat-stop");
    const text = slowText(200, 20);
    const page = await open(name);
    await send(page, text);
    await expect.poll(async () => ((await replyText(page)) ?? "").length, waitLong).toBeGreaterThan(0);
    await page.evaluate(() => window.chat.stop());
    await expect.poll(() => status(page), waitLong).toBe("ready");
    await expect.poll(async () => (await storedMessages(name)).length, waitLong).toBe(2);
    const stored = storedText((await storedMessages(name))[1]) ?? "";
    expect(text.startsWith(stored) && stored.length < text.length, `stored: ${stored}`).toBe(true);
    const shown = (await replyText(page)) ?? "";
    expect(text.startsWith(shown) && shown.length < text.length, `shown: ${shown}`).toBe(true);
  });

  it("shows a server tool's call and result, then the answer (getTime)", async () => {
    const page = await open(freshName("chat-time"));
    await send(page, "what time is it?");
    await expect
      .poll(() => toolOf(page, "tool-getTime").then((tool) => tool?.state), waitLong)
      .toBe("output-available");
    await expect.poll(() => replyText(page), waitLong).toMatch(/^The time is \d{4}-\d\d-\d\dT/);
    await expect.poll(() => status(page), waitLong).toBe("ready");
    expect(await roles(page)).toEqual(["user", "assistant"]);
  });

  it("runs a client tool the model calls (getLocation, /locate), sends its result, and the reply goes on", async () => {
    const page = await open(freshName("chat-client-tool"));
    await send(page, "/locate");
    await expect
      .poll(() => toolOf(page, "tool-getLocation"), waitLong)
      .toMatchObject({
        state: "output-available",
        output: { city: "Lyon" },
      });
    await expect.poll(() => replyText(page), waitLong).toContain("Lyon");
    await expect.poll(() => status(page), waitLong).toBe("ready");
    await expect.poll(() => roles(page), waitLong).toEqual(["user", "assistant"]);
  });

  it("asks for approval before a server tool runs (deleteFile), then runs it once approved (/delete)", async () => {
    const page = await open(freshName("chat-approval"));
    await send(page, "/delete notes.txt");
    await expect
      .poll(() => toolOf(page, "tool-deleteFile").then((tool) => tool?.state), waitLong)
      .toBe("approval-requested");
    await expect.poll(() => status(page), waitLong).toBe("ready");
    await page.evaluate(() => window.chat.approve(true));
    await expect
      .poll(() => toolOf(page, "tool-deleteFile").then((tool) => tool?.state), waitLong)
      .toBe("output-available");
    await expect.poll(async () => ((await replyText(page)) ?? "").length, waitLong).toBeGreaterThan(0);
    await expect.poll(() => status(page), waitLong).toBe("ready");
    await expect.poll(() => roles(page), waitLong).toEqual(["user", "assistant"]);
  });
});
