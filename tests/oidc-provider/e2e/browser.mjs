// What the console's browser tests share: headless Chromium (Debian's, driven by playwright-core), axe-core, and
// signing in at the real oidc-provider's own pages (its development interactions: any password).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

export const api = process.env.API_BASE;
export const displayName = process.env.DISPLAY_NAME;
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export async function axe(page, name) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => await globalThis.axe.run(document, { resultTypes: ["violations"] }));
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), [], `axe on ${name}`);
}

// On the provider's login page: signs in as `login`, consents when it asks, and waits until the browser is back at the API.
export async function loginAtProvider(page, login) {
  await page.locator("input[name=login]").fill(login);
  await page.locator("input[name=password]").fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  const deadline = Date.now() + 90000;
  while (!page.url().startsWith(api)) {
    assert.ok(Date.now() < deadline, `back at the API after signing in as ${login} (at ${page.url()})`);
    const consent = page.getByRole("button", { name: "Continue" });
    if (await consent.count() > 0) {
      await consent.click().catch(() => {});
    }
    await page.waitForTimeout(200);
  }
}

// Signs in to the console from its sign-in page as `login`.
export async function signIn(browser, login, { returnTo, checkPage } = {}) {
  const context = await browser.newContext();
  context.setDefaultTimeout(90000);
  const page = await context.newPage();
  await page.goto(`${api}/console/sign-in` + (returnTo ? `?returnUrl=${encodeURIComponent(returnTo)}` : ""));
  if (checkPage) await checkPage(page);
  await page.getByRole("link", { name: `Sign in with ${displayName}` }).click();
  await loginAtProvider(page, login);
  return { context, page };
}

export async function sessionCookie(context) {
  return (await context.cookies(`${api}/console`)).find((c) => c.name === "kc_console");
}
