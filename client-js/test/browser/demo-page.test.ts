import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { freshName, liveUrl } from "../live-server.js";
import { launchChromium } from "./chromium.js";

const url = liveUrl();
const waitLong = { timeout: 10_000, interval: 50 };

describe("the demo page served by the application at /", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function open(room: string): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(`${url}/?room=${encodeURIComponent(room)}`);
    return page;
  }

  const count = (page: Page) => page.getByTestId("count").textContent();

  it("shows a counter that two tabs share live", async () => {
    const room = freshName("tabs");
    const [first, second] = await Promise.all([open(room), open(room)]);
    await expect.poll(() => count(first), waitLong).toBe("0");
    await expect.poll(() => count(second), waitLong).toBe("0");
    expect(await first.getByTestId("status").textContent()).toBe("connected");

    await first.getByTestId("increment").click();
    await expect.poll(() => count(second), waitLong).toBe("1");
    await second.getByTestId("increment").click();
    await expect.poll(() => count(first), waitLong).toBe("2");
    await expect.poll(() => count(second), waitLong).toBe("2");

    await second.getByTestId("reset").click();
    await expect.poll(() => count(first), waitLong).toBe("0");
  });

  it("shows a streaming call's chunks and its result", async () => {
    const page = await open(freshName("stream"));
    await expect.poll(() => count(page), waitLong).toBe("0");
    await page.getByTestId("count-to").click();
    await expect.poll(() => page.getByTestId("stream").textContent(), waitLong).toBe("0 1 2 3 4 → 5");
    expect(await page.getByTestId("error").count()).toBe(0);
  });
});
