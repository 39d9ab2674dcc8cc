// The editorial console end to end in headless Chromium (Debian's, driven by playwright-core), every screen checked
// with axe-core (no serious or critical violation) and photographed into $OUT. An editor signs in, creates an article
// with the three required sections, saves, meets a conflict and resolves it; a reviewer reads the diff, signs off and
// publishes; the reader page of examples/reader then lists the article. Then the screens of what came later: the media
// library (a real PNG made in the script, alt text rule, focal point picked on the image), tasks and comments per section
// on the review screen, my open tasks on the dashboard, and a release of two articles validated, published, reverted.
// Then the editor's first hour: two files imported at /console/import, a placement fixed, an image inserted and seen in
// the preview, the autosaved copy restored, signed off, published and live; the same flow by keyboard only; the list
// filtered, searched by body and acted on in bulk; a reviewer profile made by the admin.
// Usage: API_BASE=... PAGE_BASE=... EDITOR_KEY=... REVIEWER_KEY=... ADMIN_KEY=... OUT=dir node e2e/console.mjs
import { chromium } from "playwright-core";
import assert from "node:assert/strict";
import { deflateSync } from "node:zlib";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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

// Keyboard only: Tab until the focused element matches (a selector and/or a text it contains); no mouse anywhere.
async function tabTo(page, { selector, text }, what) {
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press("Tab");
    const hit = await page.evaluate(({ selector, text }) => {
      const el = document.activeElement;
      return !!el && el !== document.body && (!selector || el.matches(selector)) && (!text || el.textContent.includes(text));
    }, { selector, text });
    if (hit) return;
  }
  assert.fail(`Tab never reached ${what}`);
}

// A PNG of random pixels (8-bit RGB), written here with zlib's deflate, so the test needs no image tool installed.
function noisePng(width, height) {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes) => { let c = 0xffffffff; for (const b of bytes) c = table[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const head = Buffer.alloc(4); head.writeUInt32BE(data.length);
    const tail = Buffer.alloc(4); tail.writeUInt32BE(crc(body));
    return Buffer.concat([head, body, tail]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0); header.writeUInt32BE(height, 4); header[8] = 8; header[9] = 2; // 8 bits, RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let i = 0; i < rows.length; i++) rows[i] = i % (width * 3 + 1) === 0 ? 0 : Math.floor(Math.random() * 256);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", header), chunk("IDAT", deflateSync(rows)), chunk("IEND", Buffer.alloc(0))]);
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
  await editor.waitForFunction(() => document.querySelector("#article-preview strong")?.textContent === "nausea");
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
  const live = await reviewer.getAttribute("#view-live", "href");
  assert.match(live, new RegExp(`/v1/articles/${slug}\\?format=html$`));
  assert.equal((await fetch(live.replace(/^https?:\/\/[^/]+/, api))).status, 200, "view live leads to the delivered article");
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
    await admin.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: api });
    await admin.click("button:has-text('Copy the key')");
    await admin.waitForSelector("#copy-status:has-text('Copied.')");
    assert.equal(await admin.evaluate(() => navigator.clipboard.readText()), (await admin.textContent("#new-key")).trim());
    await check(admin, "09-keys");
    await admin.goto(`${api}/console/admin/audit`);
    assert.match(await admin.textContent("table.list"), /article\.published/);
    await check(admin, "10-audit");
    await admin.goto(`${api}/console/admin/webhooks`);
    await check(admin, "11-webhooks");
  }

  // Media library: a PNG made by noisePng, decoded by the API. Without alt text the rule's message sits next to the field; then with alt
  // text and a focal point picked by clicking the image; then the asset is marked decorative.
  const png = join(profile, "treatment-room.png");
  writeFileSync(png, noisePng(320, 200));
  await editor.goto(`${api}/console/media`);
  await editor.setInputFiles("#file", png);
  await editor.click("button:has-text('Upload')");
  await editor.waitForSelector("#alt-error");
  assert.match(await editor.textContent("#alt-error"), /alt/);
  await check(editor, "12-media-library");
  await editor.setInputFiles("#file", png);
  await editor.fill("#alt", "A quiet treatment room with a reclining chair and a blood pressure monitor");
  await editor.waitForFunction(() => document.querySelector("[data-focal-image]")?.naturalWidth > 0);
  const box = await (await editor.$("[data-focal-image]")).boundingBox();
  await editor.mouse.click(box.x + box.width * 0.25, box.y + box.height * 0.75);
  assert.ok(Math.abs(Number(await editor.inputValue("#focal-x")) - 0.25) < 0.03, "the click sets the focal point");
  await editor.click("button:has-text('Upload')");
  await editor.waitForURL(/\/console\/media\/[0-9a-f-]{36}\?uploaded=1$/);
  assert.ok(Math.abs(Number(await editor.inputValue("#focal-y")) - 0.75) < 0.03, "the focal point was stored");
  await editor.waitForFunction(() => document.querySelector("[data-focal-image]")?.naturalWidth === 320);
  await check(editor, "13-media-asset");
  await editor.fill("#alt", "");
  await editor.click("button:has-text('Save')");
  await editor.waitForSelector("#alt-error");
  await editor.check("#decorative");
  await editor.click("button:has-text('Save')");
  await editor.waitForSelector("text=Saved.");
  await editor.goto(`${api}/console/media?missingAlt=true`);
  assert.match(await editor.textContent("table.list"), /treatment-room\.png/);

  // The side-by-side preview shows the image as readers will get it; the work is autosaved; leaving and coming back
  // offers it back; Ctrl+S saves it as a revision and the offer is gone.
  const picked = (await editor.getAttribute("table.list a[href^='/console/media/']", "href")).match(/[0-9a-f-]{36}/)[0];
  const asked = [];
  editor.on("dialog", (d) => { asked.push(d.type()); d.accept(); });
  await editor.goto(articleUrl);
  // Keyboard only: from the body, Shift+Tab reaches the toolbar (one tab stop), End and Left reach Image, Enter opens
  // the picker; Down moves through the thumbnails, Enter picks; alt text is required before Enter inserts.
  const focused = () => editor.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.id ?? "");
  await editor.focus("#body-1");
  await editor.keyboard.press("Control+End");
  await editor.keyboard.press("Shift+Tab");
  assert.equal(await focused(), "Bold", "Shift+Tab from the body reaches its toolbar");
  await editor.keyboard.press("End");
  await editor.keyboard.press("ArrowLeft");
  assert.equal(await focused(), "Image from the media library");
  await editor.keyboard.press("Enter");
  await editor.waitForSelector("#picker-list [role=option]");
  assert.equal(await focused(), "picker-search");
  const labels = await editor.$$eval("#picker-list [role=option]", (o) => o.map((x) => x.textContent));
  const at = labels.findIndex((l) => l.includes("treatment-room.png"));
  assert.ok(at >= 0, "the uploaded image is offered");
  for (let i = 0; i < at; i++) await editor.keyboard.press("ArrowDown");
  await check(editor, "17-image-picker");
  await editor.keyboard.press("Enter");
  assert.equal(await focused(), "picker-alt");
  await editor.keyboard.press("Enter");
  assert.match(await editor.textContent("#picker-error"), /Alt text is required/);
  await editor.keyboard.type("A quiet treatment room");
  await editor.keyboard.press("Enter");
  assert.match(await editor.inputValue("#body-1"), new RegExp(`!\\[A quiet treatment room\\]\\(asset:${picked}\\)`));
  await editor.waitForSelector(`#article-preview img[src^="/console/media/${picked}/"]`);
  await editor.waitForFunction(() => /Autosaved at/.test(document.getElementById("autosave-status")?.textContent ?? ""));
  await check(editor, "18-editor-preview");
  await editor.goto(`${api}/console/articles`);
  assert.deepEqual(asked, ["beforeunload"], "leaving with unsaved changes asks first");
  await editor.goto(articleUrl);
  await editor.waitForSelector("#offer-title");
  await check(editor, "19-autosave-offer");
  await editor.click("#restore-draft");
  assert.match(await editor.inputValue("#body-1"), new RegExp(`asset:${picked}`));
  await editor.focus("#body-1");
  await editor.keyboard.press("Control+s");
  await editor.waitForURL(/\?saved=4$/);
  assert.equal(await editor.$("#offer-title"), null, "saving a revision discards the autosaved copy");

  // A citation picked from the article's own references (a seeded sample article has them), numbered in the preview.
  const sample = await (await fetch(`${api}/v1/articles/ketamine-for-anxiety`)).json();
  await editor.goto(`${api}/console/articles/${sample.id}`);
  await editor.focus("#body-0");
  await editor.keyboard.press("Control+End");
  await editor.click("#body-0 ~ * button[aria-label^='Cite'], [aria-controls='body-0'] button[aria-label^='Cite']");
  await editor.waitForSelector("#picker-list [role=option]");
  await editor.keyboard.press("Enter");
  assert.match(await editor.inputValue("#body-0"), /\[\^[a-z0-9-]+\]$/);
  await editor.waitForSelector("#article-preview sup.citation a");
  await check(editor, "20-citation-preview");
  await editor.waitForFunction(() => /Autosaved at/.test(document.getElementById("autosave-status")?.textContent ?? ""));
  await editor.goto(`${api}/console/articles/${sample.id}`);
  await editor.click("button:has-text('Discard it')");
  await editor.waitForSelector("#autosave-status:has-text('autosaved as you type')");

  // Two more articles through the API, for tasks, comments and a release.
  const made = [];
  for (const [n, topic] of [["a", "depression"], ["b", "anxiety"]]) {
    const response = await fetch(`${api}/v1/manage/articles`, {
      method: "POST",
      headers: { Authorization: `Bearer ${process.env.EDITOR_KEY}`, "Content-Type": "application/json" },
      body: JSON.stringify({
        slug: `release-${n}-${stamp}`, topic, title: `Preparing for a ketamine session (${n}) ${stamp}`,
        summary: "What to do before a supervised ketamine session.",
        disclaimer: "Educational information, not medical advice: ketamine treatment must be given and supervised by a trained medical professional.",
        sections: [
          { kind: "mechanism", heading: "How it works", body: "Ketamine blocks the NMDA receptor." },
          { kind: "what_to_expect", heading: "During the session", body: "Effects begin within minutes and fade within about an hour." },
          { kind: "side_effects", heading: "Side effects", body: "Some people feel nausea or dizziness." },
        ],
      }),
    });
    const text = await response.text();
    assert.equal(response.status, 201, text);
    made.push(JSON.parse(text));
  }

  // Tasks and comments per section on the review screen (the editor opens a task for every reviewer).
  await editor.goto(`${api}/console/articles/${made[0].id}/review`);
  await editor.fill("#task-title", "Confirm the nausea wording with the prescribing team");
  await editor.selectOption("#task-assignee", "reviewer");
  await editor.click("button:has-text('Open task')");
  await editor.waitForSelector("text=is open.");
  await editor.fill("#comment-2", "Name the most common side effects first.");
  await editor.click("#thread-2 ~ form button:has-text('Add comment')");
  await editor.waitForSelector(".comment-body:has-text('Name the most common side effects first.')");
  await editor.click("#thread-0 ~ form button:has-text('Add comment')");
  await editor.waitForSelector("#comment-0-error");
  await check(editor, "14-review-tasks-comments");

  // The release builder: two articles, checked (every reason per item), then published and reverted by the reviewer.
  await editor.goto(`${api}/console/releases`);
  await editor.fill("#release-title", `Preparation guides ${stamp}`);
  await editor.click("button:has-text('Create release')");
  await editor.waitForURL(/\/console\/releases\/[0-9a-f-]{36}$/);
  const releaseUrl = editor.url();
  for (const a of made) {
    await editor.fill("#item-article", a.slug);
    await editor.click("button:has-text('Add to the release')");
    await editor.waitForSelector(`#item-${a.id}`);
  }
  await editor.click("button:has-text('Check every article')");
  await editor.waitForSelector("ul.reasons");
  const blocked = await editor.textContent(`#item-${made[0].id}`);
  assert.match(blocked, /sign-off/);
  assert.match(blocked, /open task/);
  await check(editor, "15-release-builder");

  // My open tasks on the reviewer's dashboard; resolved, reopened and resolved again on the review screen.
  await reviewer.goto(`${api}/console`);
  assert.match(await reviewer.textContent("#card-my-open-tasks + ul, #card-my-open-tasks ~ ul"), /nausea wording/);
  await reviewer.goto(`${api}/console/articles/${made[0].id}/review`);
  await reviewer.fill("input[id^=note-]", "Wording agreed with the team.");
  await reviewer.click("button:has-text('Resolve')");
  await reviewer.waitForSelector("text=is resolved.");
  await reviewer.click("button:has-text('Reopen')");
  await reviewer.waitForSelector("text=is open again.");
  await reviewer.click("button:has-text('Resolve')");
  await reviewer.waitForSelector("text=is resolved.");
  for (const a of made) {
    await reviewer.goto(`${api}/console/articles/${a.id}/review`);
    await reviewer.fill("#notes", "Checked against the brief.");
    await reviewer.click("button:has-text('Sign off revision 1')");
    await reviewer.waitForSelector("text=Revision 1 is signed off.");
  }
  await reviewer.goto(releaseUrl);
  await reviewer.click("button:has-text('Check every article')");
  await reviewer.waitForSelector("text=Every article can be published.");
  await reviewer.click("button:has-text('Publish release')");
  await reviewer.waitForSelector("text=The release is published.");
  await check(reviewer, "16-release-published");
  for (const a of made) {
    const delivered = await fetch(`${api}/v1/articles/${a.slug}`);
    assert.equal(delivered.status, 200, `${a.slug} is delivered after the release`);
  }
  await reviewer.click("button:has-text('Revert release')");
  await reviewer.waitForSelector("text=The release is reverted.");

  // The editor's first hour. Two files made here (Markdown and a saved HTML page) imported in the browser, each draft
  // beside its report; a placement fixed in the editor; an image from the media library inserted and seen in the
  // preview; leaving and coming back to the autosaved copy; saved; signed off and published by the reviewer; live.
  const hour = `first hour ${stamp}`;
  const markdownFile = join(profile, "ketamine-and-sleep.md");
  writeFileSync(markdownFile, [
    `# Sleep after a ketamine session (${hour})`, "",
    "Ketamine is a medicine used in anaesthesia for decades. This page says what a session may do to sleep.", "",
    "## How it works", "", "Ketamine blocks the NMDA receptor. This sets off a surge in glutamate signalling.", "",
    "## During the session", "", "Effects begin within minutes. They fade within about an hour.", "",
    "## Side effects", "", "Some people feel nausea or dizziness after a session.", "",
    "## Before your first session", "", "A trained medical team gives the medicine and watches you the whole time.", "",
  ].join("\n"));
  const htmlFile = join(profile, "preparing-for-a-session.html");
  writeFileSync(htmlFile, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Preparing (${hour})</title></head><body>
    <h1>Preparing for a ketamine session (${hour})</h1>
    <p>What to know before a supervised ketamine session.</p>
    <h2>How it works</h2><p>Ketamine blocks the NMDA receptor, a glutamate receptor.</p>
    <h2>What to expect</h2><p>Effects begin within minutes. A dreamlike state is common and fades within about an hour.</p>
    <h2>Side effects</h2><p>Some people feel nausea, dizziness or confusion.</p>
    </body></html>`);
  await editor.goto(`${api}/console/import`);
  await editor.setInputFiles("#files", [markdownFile, htmlFile]);
  await editor.fill("#topic", "depression");
  await editor.click("form button.primary:has-text('Import')");
  await editor.waitForSelector("#results-title");
  assert.match(await editor.textContent("#results-title"), /^2 of 2 imported$/);
  assert.match(await editor.textContent("main"), /Headings and the section each went to/);
  await check(editor, "21-import-report");
  const imported = await editor.$$eval(".import-result a.button", (links) => links.map((a) => a.getAttribute("href")));
  assert.equal(imported.length, 2);
  const [sleepUrl, preparingUrl] = imported.map((href) => `${api}${href}`);

  // Fix a placement: the importer put "Before your first session" inside What to expect (its report says why); it
  // gets a section of its own, an overview, and What to expect keeps only its own paragraph.
  await editor.goto(sleepUrl);
  const bodies = await editor.$$eval("textarea[id^=body-]", (t) => t.map((x) => x.value));
  const holder = bodies.findIndex((b) => /A trained medical team/.test(b));
  assert.ok(holder >= 0, "the paragraph was imported");
  const heading = bodies[holder].search(/^.*Before your first session.*$/m);
  const kept = (heading >= 0 ? bodies[holder].slice(0, heading) : bodies[holder].replace(/A trained medical team[^\n]*/, "")).trim();
  await editor.fill(`#body-${holder}`, kept);
  await editor.click("button:has-text('Add section')");
  const added = bodies.length;
  await editor.waitForSelector(`#kind-${added}`);
  await editor.selectOption(`#kind-${added}`, "overview");
  await editor.fill(`#heading-${added}`, "Before your first session");
  await editor.fill(`#body-${added}`, "A trained medical team gives the medicine and watches you the whole time.");
  await editor.fill("#change-note", "Placement fixed after the import");
  await editor.click("button:has-text('Save as new revision')");
  await editor.waitForURL(/\?saved=2$/);
  assert.equal(await editor.inputValue(`#kind-${added}`), "overview");
  assert.doesNotMatch(await editor.inputValue(`#body-${holder}`), /trained medical team/);

  // An image from the media library by the toolbar (mouse this time), seen in the preview, autosaved.
  await editor.click("[aria-controls='body-0'] button[aria-label='Image from the media library'], #body-0 ~ * button[aria-label='Image from the media library']");
  await editor.waitForSelector("#picker-list [role=option]");
  await editor.click(`#picker-list [role=option]:has-text('treatment-room.png')`);
  await editor.fill("#picker-alt", "A quiet treatment room");
  await editor.keyboard.press("Enter");
  await editor.waitForSelector(`#article-preview img[src^="/console/media/${picked}/"]`);
  await editor.waitForFunction(() => /Autosaved at/.test(document.getElementById("autosave-status")?.textContent ?? ""));
  asked.length = 0;
  await editor.goto(`${api}/console`);
  assert.deepEqual(asked, ["beforeunload"]);
  await editor.goto(sleepUrl);
  await editor.waitForSelector("#offer-title");
  await editor.click("#restore-draft");
  assert.match(await editor.inputValue("#body-0"), new RegExp(`asset:${picked}`));
  await editor.click("button:has-text('Save as new revision')");
  await editor.waitForURL(/\?saved=3$/);
  const sleepId = sleepUrl.match(/[0-9a-f-]{36}$/)[0];
  await reviewer.goto(`${sleepUrl}/review`);
  await reviewer.fill("#notes", "Checked against the brief.");
  await reviewer.click("button:has-text('Sign off revision 3')");
  await reviewer.waitForSelector("text=Revision 3 is signed off.");
  await reviewer.click("form button.primary:has-text('Publish')");
  await reviewer.waitForSelector("text=Revision 3 is published.");
  const sleepLive = await reviewer.getAttribute("#view-live", "href");
  const sleepDelivered = await (await fetch(sleepLive.replace(/^https?:\/\/[^/]+/, api))).json();
  const image = sleepDelivered.sections.map((x) => x.body).join("\n").match(/<img [^>]*src="([^"]+)"[^>]*alt="A quiet treatment room"|<img [^>]*alt="A quiet treatment room"[^>]*src="([^"]+)"/);
  assert.ok(image, "the live article shows the image");
  assert.match(image[1] ?? image[2], new RegExp(`/v1/assets/${picked}/`), "the live image is the picked asset's rendition");

  // The same core flow with the keyboard only (Tab, Enter, Space; no click): open the other import from the
  // filtered list, edit, save with Ctrl+S; the reviewer signs off and publishes.
  const keys = await newPage();
  await signIn(keys, process.env.EDITOR_KEY, true);
  const preparingId = preparingUrl.match(/[0-9a-f-]{36}$/)[0];
  await keys.goto(`${api}/console/articles?q=${encodeURIComponent("Preparing for a ketamine session (" + hour)}&status=draft`);
  await tabTo(keys, { selector: `a[href="/console/articles/${preparingId}"]` }, "the article in the list");
  await keys.keyboard.press("Enter");
  await keys.waitForURL(preparingUrl);
  await tabTo(keys, { selector: "#summary" }, "the summary");
  await keys.keyboard.press("End");
  await keys.keyboard.type(" It covers the day itself.");
  await keys.keyboard.press("Control+s");
  await keys.waitForURL(/\?saved=2$/);
  assert.match(await keys.inputValue("#summary"), /covers the day itself\.$/);
  const keyReviewer = await newPage();
  await signIn(keyReviewer, process.env.REVIEWER_KEY, true);
  await keyReviewer.goto(preparingUrl);
  await tabTo(keyReviewer, { selector: `a[href="/console/articles/${preparingId}/review"]` }, "Review and publish");
  await keyReviewer.keyboard.press("Enter");
  await keyReviewer.waitForURL(`${preparingUrl}/review`);
  await tabTo(keyReviewer, { selector: "#notes" }, "the sign-off notes");
  await keyReviewer.keyboard.type("Checked against the brief.");
  await tabTo(keyReviewer, { selector: "button", text: "Sign off revision 2" }, "the sign-off button");
  await keyReviewer.keyboard.press("Space");
  await keyReviewer.waitForSelector("text=Revision 2 is signed off.");
  await tabTo(keyReviewer, { selector: "button.primary", text: "Publish" }, "the publish button");
  await keyReviewer.keyboard.press("Enter");
  await keyReviewer.waitForSelector("text=Revision 2 is published.");
  const preparingLive = await keyReviewer.getAttribute("#view-live", "href");
  assert.equal((await fetch(preparingLive.replace(/^https?:\/\/[^/]+/, api))).status, 200);

  // The list with filters (the URL is the whole state), a body search through the search index, a bulk action.
  await editor.goto(`${api}/console/articles?q=${encodeURIComponent(hour)}&status=published&review=reviewed&topic=depression&locale=en`);
  assert.deepEqual((await editor.$$eval("table.list tbody td:nth-child(2) a", (a) => a.map((x) => x.getAttribute("href")))).sort(),
    [`/console/articles/${sleepId}`, `/console/articles/${preparingId}`].sort());
  await check(editor, "22-articles-filtered");
  await editor.goto(`${api}/console/articles?q=${encodeURIComponent("watches you the whole time")}`);
  assert.match(await editor.textContent("table.list tbody"), /Sleep after a ketamine session/, "the body search finds the published text");
  await editor.goto(`${api}/console/articles?q=${encodeURIComponent(hour)}&status=published`);
  await editor.check(`#select-${sleepId}`);
  await editor.check(`#select-${preparingId}`);
  await editor.fill("#bulk-task", "Add a second source to the sleep advice");
  await editor.selectOption("#bulk-assignee", "reviewer");
  await editor.click("button:has-text('Assign the task')");
  await editor.waitForSelector("#bulk-result");
  assert.match(await editor.textContent("#bulk-result"), /^All 2 done$/);
  await check(editor, "23-bulk-result");

  if (process.env.ADMIN_KEY) {
    const admin = await newPage();
    await signIn(admin, process.env.ADMIN_KEY);
    await admin.goto(`${api}/console/admin/reviewers`);
    const reviewerKey = await admin.$$eval("#reviewer-key option", (o) => o.find((x) => x.textContent.startsWith("console e2e reviewer"))?.value);
    assert.ok(reviewerKey, "the reviewer's key is offered");
    await admin.fill("#reviewer-name", `Example Reviewer ${stamp}`);
    await admin.fill("#reviewer-credentials", "MD");
    await admin.fill("#reviewer-specialty", "Psychiatry");
    await admin.selectOption("#reviewer-key", reviewerKey);
    await admin.click("button:has-text('Create profile')");
    await admin.waitForSelector(`text=The profile of Example Reviewer ${stamp} is created.`);
    await check(admin, "24-reviewer-profiles");
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
