// The editorial console end to end in headless Chromium (Debian's, driven by playwright-core), every screen checked
// with axe-core (no serious or critical violation) and photographed into $OUT. An editor signs in, creates an article
// with the three required sections, saves, meets a conflict and resolves it; a reviewer reads the diff, signs off and
// publishes; the reader page of examples/reader then lists the article.
// Usage: API_BASE=... PAGE_BASE=... EDITOR_KEY=... REVIEWER_KEY=... ADMIN_KEY=... OUT=dir node e2e/console.mjs
import { chromium } from "playwright-core";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

const api = process.env.API_BASE ?? "http://127.0.0.1:8080";
const pageBase = process.env.PAGE_BASE;
const out = process.env.OUT ?? "screenshots";
mkdirSync(out, { recursive: true });
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const profile = mkdtempSync(join(tmpdir(), "kc-console-"));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
const problems = [];
const screens = [];

async function newPage(viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  context.setDefaultTimeout(90000); // a shared CI machine can be slow; nothing here waits on purpose
  const page = await context.newPage();
  // Browser errors on the console's pages (a CSP violation would be one); the reader page is not ours to judge here.
  const ours = () => page.url().startsWith(`${api}/console`);
  page.on("console", (m) => { if (m.type() === "error" && ours()) problems.push(`${page.url()}: ${m.text()}`); });
  page.on("pageerror", (e) => { if (ours()) problems.push(`${page.url()}: ${e}`); });
  return page;
}

// axe-core evaluated through the DevTools protocol (the console's CSP allows no injected script, and stays on).
async function check(page, name) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => await globalThis.axe.run(document, { resultTypes: ["violations"] }));
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), [], `axe on ${name}`);
  await page.screenshot({ path: join(out, `${name}.png`), fullPage: true });
  screens.push(name);
}

async function signIn(page, key, keyboard = false) {
  await page.goto(`${api}/console`);
  assert.match(page.url(), /\/console\/sign-in\?returnUrl=/);
  if (keyboard) {
    // Keyboard only: the skip link, then the key field, then Enter submits.
    await page.keyboard.press("Tab");
    let focused = "";
    for (let i = 0; i < 10 && focused !== "key"; i++) {
      await page.keyboard.press("Tab");
      focused = await page.evaluate(() => document.activeElement?.id ?? "");
    }
    assert.equal(focused, "key", "the key field is reachable with Tab");
    await page.keyboard.type(key);
    await page.keyboard.press("Enter");
  } else {
    await page.fill("#key", key);
    await page.click("button:has-text('Sign in')");
  }
  await page.waitForURL(`${api}/console`);
}

const stamp = Date.now().toString(36);
const slug = `ketamine-session-walkthrough-${stamp}`;
const title = `What happens in a ketamine session ${stamp}`;
try {
  // Sign-in, with a wrong key first: the message sits next to the field.
  const editor = await newPage();
  await editor.goto(`${api}/console`);
  await check(editor, "01-sign-in");
  await editor.fill("#key", "kc_not-a-key");
  await editor.click("button:has-text('Sign in')");
  assert.match(await editor.textContent("#key-error"), /unknown or revoked/);
  await signIn(editor, process.env.EDITOR_KEY);
  await check(editor, "02-dashboard");

  await editor.goto(`${api}/console/articles?status=published`);
  await editor.waitForSelector("table.list tbody tr");
  await check(editor, "03-articles");

  // Create: the three required sections are there from the start.
  await editor.goto(`${api}/console/articles/new`);
  const kinds = await editor.$$eval("select[id^=kind-]", (s) => s.map((x) => x.value));
  assert.deepEqual(kinds, ["mechanism", "what_to_expect", "side_effects"]);
  await editor.fill("#title", title);
  await editor.fill("#slug", slug);
  await editor.fill("#topic", "depression");
  await editor.fill("#summary", "A walk through one supervised ketamine session, from arrival to the ride home.");
  await editor.fill("#disclaimer", "Educational information, not medical advice: ketamine treatment must be given and supervised by a trained medical professional.");
  await editor.fill("#heading-0", "How it works");
  await editor.fill("#body-0", "Ketamine blocks the NMDA receptor, which sets off a surge in glutamate signalling.");
  await editor.fill("#heading-1", "During the session");
  await editor.fill("#body-1", "Effects begin within minutes and fade within about an hour.");
  await editor.fill("#heading-2", "Side effects");
  await editor.fill("#body-2", "Some people feel **nausea** or dizziness.");
  await editor.waitForFunction(() => document.querySelector("#preview-2 strong")?.textContent === "nausea");
  await editor.fill("#change-note", "First draft");
  await editor.click("button:has-text('Create article')");
  await editor.waitForURL(/\/console\/articles\/[0-9a-f-]{36}\?saved=1$/);
  const articleUrl = editor.url().replace(/\?.*$/, "");
  await check(editor, "04-editor");

  // A field error comes back next to its field, and nothing is saved.
  await editor.fill("#heading-1", "");
  await editor.click("button:has-text('Save as new revision')");
  await editor.waitForSelector("#heading-1-error");
  await editor.goto(articleUrl);

  // Two editors open revision 1; the first saves, the second meets the conflict.
  const other = await newPage();
  await signIn(other, process.env.EDITOR_KEY);
  await other.goto(articleUrl);
  await editor.fill("#summary", "One supervised ketamine session, step by step, from arrival to the ride home.");
  await editor.fill("#change-note", "Sharper summary");
  await editor.click("button:has-text('Save as new revision')");
  await editor.waitForURL(/\?saved=2$/);
  await other.fill("#body-1", "Effects begin within minutes. A dreamlike, detached state is common and fades within about an hour.");
  await other.fill("#change-note", "What the dissociation feels like");
  await other.click("button:has-text('Save as new revision')");
  await other.waitForSelector("#conflict-title");
  assert.match(await other.textContent(".conflict"), /summary/);
  assert.equal(await other.inputValue("#summary"), "One supervised ketamine session, step by step, from arrival to the ride home.");
  assert.match(await other.inputValue("#body-1"), /dreamlike/);
  await check(other, "05-conflict");
  await other.click("button:has-text('Save as new revision')");
  await other.waitForURL(/\?saved=3$/);

  await editor.goto(`${articleUrl}/history?a=1&b=3`);
  await editor.waitForSelector(".diff-section");
  await check(editor, "06-history");

  // The reviewer (keyboard only at sign-in) reads the changes, signs off and publishes.
  const reviewer = await newPage();
  await signIn(reviewer, process.env.REVIEWER_KEY, true);
  await reviewer.goto(`${articleUrl}/review`);
  assert.match(await reviewer.textContent("main"), /dreamlike/);
  await reviewer.click("button:has-text('Publish')");
  await reviewer.waitForSelector("form[action$='/review'] .error, .card .error");
  assert.match(await reviewer.textContent("main"), /no medical review sign-off/);
  await reviewer.fill("#notes", "Checked against the brief.");
  await reviewer.click("button:has-text('Sign off revision 3')");
  await reviewer.waitForSelector("text=Revision 3 is signed off.");
  await reviewer.click("button:has-text('Publish')");
  await reviewer.waitForSelector("text=Revision 3 is published.");
  await check(reviewer, "07-review");

  // At 360 px wide nothing scrolls sideways.
  const phone = await newPage({ width: 360, height: 780 });
  await signIn(phone, process.env.EDITOR_KEY);
  await phone.goto(articleUrl);
  assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth <= 360), "the editor fits 360 px");
  await check(phone, "08-editor-360px");

  if (process.env.ADMIN_KEY) {
    const admin = await newPage();
    await signIn(admin, process.env.ADMIN_KEY);
    await admin.goto(`${api}/console/admin/keys`);
    await admin.fill("#key-name", "console e2e writer");
    await admin.selectOption("#key-role", "editor");
    await admin.click("button:has-text('Create key')");
    assert.match(await admin.textContent("#new-key"), /^kc_/);
    await check(admin, "09-keys");
    await admin.goto(`${api}/console/admin/audit`);
    assert.match(await admin.textContent("table.list"), /article\.published/);
    await check(admin, "10-audit");
    await admin.goto(`${api}/console/admin/webhooks`);
    await check(admin, "11-webhooks");
  }

  // Sign out ends the session.
  await editor.click("button:has-text('Sign out')");
  await editor.goto(`${api}/console/articles`);
  assert.match(editor.url(), /\/console\/sign-in/);

  if (pageBase) {
    const reader = await newPage();
    await reader.goto(`${pageBase}/index.html?api=${encodeURIComponent(api)}`);
    await reader.waitForSelector(`#articles li a:has-text("${title}")`, { timeout: 15000 });
    console.log("reader page: lists the article published from the console");
  }

  assert.deepEqual(problems, [], "no browser errors (a CSP violation would be one)");
  console.log(`console: ${screens.length} screens checked with axe and photographed into ${out}: ${screens.join(", ")}`);
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
