// The console's sign-in with the real oidc-provider, in headless Chromium (Debian's, driven by playwright-core),
// checked with axe-core. Run by the C# test ConsoleOidcTests with API_BASE (the API under test, Auth:Oidc:* set to the
// provider) and DISPLAY_NAME. Prints one JSON line of what it saw; exits non-zero on the first failed expectation.
import assert from "node:assert/strict";
import { api, displayName, launch, axe, signIn as signInAs, sessionCookie } from "./browser.mjs";

const browser = await launch();
const seen = {};

// Signs in at the provider's own pages as `login`, from a sign-in page that offers no key sign-in.
const signIn = (login) => signInAs(browser, login, {
  checkPage: async (page) => {
    await axe(page, "sign-in");
    assert.equal(await page.locator("#key").count(), 0, "key sign-in is switched off (Console:AllowKeySignIn=false)");
  },
});

// An editor by the claim's own value: signed in, named, the cookie HttpOnly + SameSite=Strict and not a token.
{
  const { context, page } = await signIn("ed");
  await page.waitForURL(`${api}/console`);
  const who = (await page.locator(".who").textContent()).trim();
  assert.equal(who, "Ed Itor (editor)");
  // "Signed in as" names the person as the audit log does: email, subject and issuer.
  const whoExactly = await page.locator(".who").getAttribute("title");
  await axe(page, "dashboard");
  const cookie = await sessionCookie(context);
  assert.ok(cookie, "a console session cookie");
  assert.equal(cookie.httpOnly, true);
  assert.equal(cookie.sameSite, "Strict");
  assert.ok(!cookie.value.startsWith("eyJ") && cookie.value.split(".").length === 1, "the cookie is a session id, not a token");
  seen.editor = { who, whoExactly, cookie: { httpOnly: cookie.httpOnly, sameSite: cookie.sameSite } };

  // Sign-out ends the console session and, through the provider's end-session endpoint, the provider's session.
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await page.getByRole("button", { name: "Yes, sign me out" }).click();
  await page.waitForURL(`${api}/console/sign-in?signedOut=1`);
  assert.equal((await page.locator("[role=status]").textContent()).trim(), "You are signed out.");
  assert.equal(await sessionCookie(context), undefined, "the console cookie is gone");
  await page.goto(`${api}/console`);
  assert.ok(page.url().startsWith(`${api}/console/sign-in`), "the console sends a signed-out browser to sign in");
  // The provider's session is over too: signing in again asks for the login, not just consent.
  await page.getByRole("link", { name: `Sign in with ${displayName}` }).click();
  await page.locator("input[name=login]").waitFor();
  seen.signOut = { providerAsksLoginAgain: true };
  await context.close();
}

// A reviewer by Auth:Oidc:RoleMap ("Clinical Reviewers" → reviewer).
{
  const { context, page } = await signIn("rita");
  await page.waitForURL(`${api}/console`);
  seen.reviewer = (await page.locator(".who").textContent()).trim();
  assert.equal(seen.reviewer, "Dr Rita Review (reviewer)");
  await context.close();
}

// A person without a mapped role: a clear 403 page and no session.
{
  const { context, page } = await signIn("nora");
  await page.locator("h1", { hasText: "No console role" }).waitFor();
  await axe(page, "no-role");
  assert.equal(await sessionCookie(context), undefined, "no session for a person without a role");
  seen.noRole = { page: (await page.locator("h1").textContent()).trim(), sessionCookie: null };
  await context.close();
}

await browser.close();
console.log(JSON.stringify(seen));
