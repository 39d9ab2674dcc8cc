// Signs in to the console as each login given (API_BASE, DISPLAY_NAME; logins as arguments) through the real
// oidc-provider in headless Chromium, and prints one JSON line: login → the console session cookie's value.
// A test then acts as that person over plain HTTP.
import assert from "node:assert/strict";
import { launch, sessionCookie, signIn } from "./browser.mjs";

const browser = await launch();
const sessions = {};
for (const [i, login] of process.argv.slice(2).entries()) {
  const { context } = await signIn(browser, login);
  const cookie = await sessionCookie(context);
  assert.ok(cookie, `a console session for ${login}`);
  sessions[`${login}#${i}`] = cookie.value;
  await context.close();
}
await browser.close();
console.log(JSON.stringify(sessions));
