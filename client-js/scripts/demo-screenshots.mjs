// Takes the screenshots of docs/screenshots: the demo page wide and narrow, light and dark, with an
// empty chat, a reply streaming and tool cards. Against a running application with the stand-in
// model: `./agentbus run`, then `node scripts/demo-screenshots.mjs` (URL, OUT to change where).
import { chromium } from "playwright-core";
const url = process.env.URL ?? "http://localhost:8080";
const out = process.env.OUT ?? new URL("../../docs/screenshots", import.meta.url).pathname;
const user = process.env.SHOT_USER ?? "demo-" + Date.now().toString(36);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--font-render-hinting=none"],
});

const send = async (page, text) => {
  await page.getByTestId("chat-input").fill(text);
  await page.getByTestId("chat-input").press("Enter");
};
const idle = (page) => page.getByTestId("chat-send").waitFor();

async function newPage(context) {
  const page = await context.newPage();
  page.on("pageerror", (e) => console.log("pageerror:", e.message));
  await page.goto(`${url}/?room=lobby&user=${user}`);
  await page.getByTestId("chat-panel").waitFor();
  return page;
}

// A few conversations for the sidebar, answered by the stand-in.
{
  const context = await browser.newContext();
  const page = await newPage(context);
  for (const text of ["Plan a picnic for Saturday", "Summarise the wire protocol", "Hello! What can you do?"]) {
    if (await page.getByTestId("conversation-item").count()) await page.getByTestId("new-conversation").click();
    await send(page, text);
    await idle(page);
    await page.waitForTimeout(300);
  }
  // the counter shows something other than 0
  await page.getByTestId("increment").click();
  await page.getByTestId("increment").click();
  await page.getByTestId("increment").click();
  await context.close();
}

async function shot(name, { width = 1440, height = 960, scheme = "light", act, full = false } = {}) {
  const context = await browser.newContext({
    viewport: { width, height },
    colorScheme: scheme,
    deviceScaleFactor: width < 600 ? 2 : 1,
  });
  const page = await newPage(context);
  if (act) await act(page);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: full });
  await context.close();
}

const fresh = async (p) => {
  if (await p.getByTestId("new-conversation").isEnabled()) await p.getByTestId("new-conversation").click();
};
const empty = async (p) => {
  await fresh(p);
  await p.getByTestId("chat-empty").waitFor();
};
const midstream = async (p) => {
  await fresh(p);
  await send(
    p,
    "slow 400 25 Tell me about stateful agents: each instance keeps its state, its SQL tables and its schedules, and a reply streams to every tab that watches it.",
  );
  await p.waitForFunction(
    () => (document.querySelector("[data-role=assistant] [data-testid=message-text]")?.textContent ?? "").length > 120,
  );
};
const tool = async (p) => {
  await fresh(p);
  await send(p, "Hello! What can you do?");
  await idle(p);
  await send(p, "What time is it?");
  await p.locator("[data-testid=tool-card][data-state=output-available]").waitFor();
  await p.waitForFunction(() =>
    /The time is \S+Z$/.test(document.querySelector("[data-role=assistant]:last-of-type")?.textContent ?? ""),
  );
  await idle(p);
  await send(p, "/delete notes.txt");
  await p.locator("[data-testid=tool-card][data-state=approval-requested]").waitFor();
  await p.getByTestId("chat-input").fill("");
};

const only = process.env.ONLY?.split(",");
const want = (n) => !only || only.includes(n);
if (want("wide-empty")) await shot("wide-empty", { act: empty });
if (want("wide-midstream")) await shot("wide-midstream", { act: midstream });
if (want("wide-tool")) await shot("wide-tool", { act: tool });
if (want("narrow-empty")) await shot("narrow-empty", { width: 390, height: 844, act: empty, full: true });
if (want("narrow-tool")) await shot("narrow-tool", { width: 390, height: 844, act: tool, full: true });
if (want("dark-midstream")) await shot("dark-midstream", { scheme: "dark", act: midstream });
if (want("dark-tool")) await shot("dark-tool", { scheme: "dark", act: tool });
await browser.close();
