// A sign-off is recent and personal, in headless Chromium against the real oidc-provider. Run by ConsoleOidcTests
// with API_BASE, DISPLAY_NAME and ARTICLE_ID (an article with a revision 1). Talks to the test on stdin/stdout:
// a line "need <what>" asks the test to act (a new revision, an older authentication) and waits for its "done"
// line. Prints one JSON line of what it saw last; exits non-zero on the first failed expectation.
import assert from "node:assert/strict";
import { createInterface } from "node:readline";
import { api, axe, launch, loginAtProvider, signIn } from "./browser.mjs";

const article = process.env.ARTICLE_ID;
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
async function need(what) {
  console.log(`need ${what}`);
  const { value } = await lines.next();
  assert.equal(value, "done", `the test did ${what}`);
}

const browser = await launch();
const seen = {};
const review = `${api}/console/articles/${article}/review`;
const { context, page } = await signIn(browser, "rita", { returnTo: `/console/articles/${article}/review` });
await page.waitForURL(review);

async function signOff(revision) {
  await page.getByRole("button", { name: `Sign off revision ${revision}` }).click();
}

// Just signed in: the ID token's auth_time is recent, so the sign-off goes through at once.
await signOff(1);
await page.locator("p.note[role=status]", { hasText: "Revision 1 is signed off." }).waitFor();
seen.fresh = "Revision 1 is signed off.";

// An hour later (the test moves the session's auth_time back), a sign-off sends the browser back to the provider
// to authenticate again (max_age=0: its login page, though its own session is still live), then to this page.
await need("revision-2-and-an-old-authentication");
await page.goto(review);
await signOff(2);
await page.locator("input[name=login]").waitFor();
seen.stepUp = { atProvider: page.url().startsWith(api) ? null : new URL(page.url()).origin };
await loginAtProvider(page, "rita");
await page.waitForURL(review);
await axe(page, "review after the step-up");
await signOff(2);
await page.locator("p.note[role=status]", { hasText: "Revision 2 is signed off." }).waitFor();
seen.afterStepUp = "Revision 2 is signed off.";
seen.who = (await page.locator(".who").textContent()).trim();
await context.close();
await browser.close();
console.log(JSON.stringify(seen));
// stdin (the test's "done" lines) would keep node running, and the test reads until the script ends.
process.exit(0);
