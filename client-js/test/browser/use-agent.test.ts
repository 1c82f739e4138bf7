import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { build, preview, type PreviewServer } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packageAliases } from "../../vite.config.ts";
import { freshName, liveHost } from "../live-server.js";
import { launchChromium } from "./chromium.js";

const root = fileURLToPath(new URL("./hook-page", import.meta.url));
const waitLong = { timeout: 10_000, interval: 50 };

declare global {
  interface Window {
    agentSockets: WebSocket[];
  }
}

/** Records every WebSocket the page makes, so the test can count the open ones. */
function recordSockets() {
  window.agentSockets = [];
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      window.agentSockets.push(this);
    }
  };
}

describe("useAgent in React's StrictMode (development build)", () => {
  let outDir: string;
  let server: PreviewServer;
  let browser: Browser;

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), "agentbus-hook-page-"));
    const config = {
      root,
      configFile: false as const,
      logLevel: "warn" as const,
      mode: "development",
      resolve: { alias: packageAliases },
      define: { "process.env.NODE_ENV": JSON.stringify("development") },
      build: { outDir, emptyOutDir: true, minify: false },
      preview: { host: "127.0.0.1", port: 0 },
    };
    await build(config);
    server = await preview(config);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  const text = (page: Page, id: string) => page.getByTestId(id).textContent();
  const openSockets = (page: Page) =>
    page.evaluate(() => window.agentSockets.filter((s) => s.readyState <= WebSocket.OPEN).map((s) => s.url));

  it("keeps one connection through StrictMode's double mount, moves it on a name change and closes it on unmount", async () => {
    const [name, other] = [freshName("hook"), freshName("hook-other")];
    const page = await browser.newPage();
    await page.addInitScript(recordSockets);
    const pageUrl = server.resolvedUrls?.local[0];
    await page.goto(`${pageUrl}?host=${liveHost()}&name=${name}&other=${other}`);

    await expect.poll(() => text(page, "identified"), waitLong).toBe("true");
    expect(await page.evaluate(() => (window as unknown as { probeMounts: number }).probeMounts)).toBe(2);
    expect(await text(page, "count")).toBe("0");
    const first = await openSockets(page);
    expect(first).toHaveLength(1);
    expect(first[0]).toContain(`/agents/counter-agent/${name}?_pk=`);

    await page.getByTestId("increment").click();
    await expect.poll(() => text(page, "count"), waitLong).toBe("1");

    await page.getByTestId("switch").click();
    await expect.poll(() => text(page, "name"), waitLong).toBe(other);
    await expect.poll(() => text(page, "identified"), waitLong).toBe("true");
    expect(await text(page, "count")).toBe("0");
    const moved = await openSockets(page);
    expect(moved).toHaveLength(1);
    expect(moved[0]).toContain(`/agents/counter-agent/${other}?_pk=`);

    await page.getByTestId("unmount").click();
    await expect.poll(() => openSockets(page), waitLong).toEqual([]);
    const made = await page.evaluate(() => window.agentSockets.length);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => window.agentSockets.length)).toBe(made);
  });
});
