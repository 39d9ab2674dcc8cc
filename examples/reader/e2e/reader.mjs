// End to end in headless Chromium (Debian's, driven by playwright-core): the reader page against a running API,
// then one call through Swagger UI's "Try it out". Usage: API_BASE=... PAGE_BASE=... node e2e/reader.mjs
import { chromium } from "playwright-core";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const api = process.env.API_BASE ?? "http://127.0.0.1:8080";
const pageBase = process.env.PAGE_BASE ?? "http://127.0.0.1:8081";
const profile = mkdtempSync(join(tmpdir(), "kc-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
try {
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(String(e)));
  await page.goto(`${pageBase}/index.html?api=${encodeURIComponent(api)}`);
  try {
    await page.waitForSelector("#articles li a", { timeout: 15000 });
  } catch (error) {
    console.error(`the page shows: ${await page.textContent("#status")}; browser errors: ${problems.join(" | ")}`);
    throw error;
  }
  const titles = await page.$$eval("#articles li a", (links) => links.map((a) => a.textContent));
  assert.ok(titles.includes("Ketamine for anxiety"), `the list shows ${titles.join(", ")}`);
  assert.match(await page.textContent("#status"), /^\d+ articles$/);

  await page.click("text=Ketamine for anxiety");
  await page.waitForSelector("#article section[data-kind=side_effects] .body strong", { timeout: 15000 });
  assert.equal(await page.textContent("#article h1"), "Ketamine for anxiety");
  const kinds = await page.$$eval("#article section", (sections) => sections.map((s) => s.dataset.kind));
  for (const kind of ["mechanism", "what_to_expect", "side_effects"]) assert.ok(kinds.includes(kind), `no ${kind} section shown`);
  assert.match(await page.textContent("#article section[data-kind=side_effects] .body strong"), /nausea/i);
  console.log(`reader page: ${titles.length} articles listed; the article shows ${kinds.length} sections as HTML`);

  await page.goto(`${api}/swagger/index.html`);
  await page.click("#operations-Articles-GetArticle .opblock-summary", { timeout: 20000 });
  await page.click("button.try-out__btn");
  await page.fill('input[placeholder="slug"]', "ketamine-for-anxiety");
  await page.click("button.execute");
  await page.waitForSelector(".live-responses-table .response-col_status", { timeout: 15000 });
  const status = (await page.textContent(".live-responses-table tbody .response-col_status")).trim();
  assert.equal(status, "200");
  console.log(`swagger "Try it out": GetArticle answered ${status}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
