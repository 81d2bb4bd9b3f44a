// Drives Debian's Chromium through playwright-core against the running web app:
// node browser-test.mjs <app url> <screenshot dir>. Exit status 0 when every step passed.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [url, shots] = process.argv.slice(2);
const WAIT = 30000; // a loaded machine: generous, except where the issue asks for a second
mkdirSync(shots, { recursive: true });

function step(text) {
  console.log(new Date().toISOString() + ' ' + text);
}

const colleague = (jid) => `#colleagues li[data-jid="${jid}"]`;

async function logIn(context, username) {
  const page = await context.newPage();
  page.on('console', (m) => console.log(`[${username} console] ${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => console.log(`[${username} page error] ${e.message}`));
  await page.goto(url, { timeout: WAIT });
  await page.fill('#username', username);
  await page.fill('#password', 'demo');
  await page.click('#submit');
  await page.waitForSelector('#connection[data-state="online"]', { timeout: WAIT });
  step(`${username} is logged in and online`);
  return page;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  timeout: 60000,
  // Playwright gives every launch a fresh temporary --user-data-dir of its own.
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let alice;
let bob;
try {
  step(`browser ${browser.version()}`);
  const aliceContext = await browser.newContext();
  const bobContext = await browser.newContext();
  alice = await logIn(aliceContext, 'alice');
  bob = await logIn(bobContext, 'bob');

  // Each sees the other come online (the colleague list comes from the roster SPI).
  await alice.waitForSelector(`${colleague('bob@localhost')}[data-show="available"]`, { timeout: WAIT });
  await bob.waitForSelector(`${colleague('alice@localhost')}[data-show="available"]`, { timeout: WAIT });
  await alice.waitForSelector(colleague('carol@localhost'), { timeout: WAIT });
  if (await alice.$(colleague('dave@localhost'))) {
    throw new Error('dave is in Sales and must not be on a Design roster');
  }
  step('alice and bob see each other online');
  await alice.screenshot({ path: join(shots, '1-alice-sees-bob-online.png') });

  // A desktop client (Smack over TCP, run by the Java test as carol) chats with a browser user.
  await alice.waitForSelector(`${colleague('carol@localhost')}[data-show="available"]`, { timeout: WAIT });
  await alice.waitForSelector(`${colleague('carol@localhost')} .unread`, { timeout: WAIT });
  await alice.click(colleague('carol@localhost'));
  await alice.waitForSelector('#messages li.theirs:has-text("Hello from a desktop client")', { timeout: WAIT });
  await alice.fill('#message-text', 'Hello Carol, from the browser');
  await alice.press('#message-text', 'Enter');
  step('alice got carol\'s message from Smack over TCP and replied');

  // A message typed by one appears on the other's page.
  await alice.click(colleague('bob@localhost'));
  await alice.fill('#message-text', 'Hi Bob, the mock-ups are ready');
  await alice.press('#message-text', 'Enter');
  await bob.waitForSelector(`${colleague('alice@localhost')} .unread`, { timeout: WAIT });
  await bob.click(colleague('alice@localhost'));
  await bob.waitForSelector('#messages li.theirs:has-text("Hi Bob, the mock-ups are ready")', { timeout: WAIT });
  await bob.fill('#message-text', 'Great, looking now');
  await bob.click('#send');
  await alice.waitForSelector('#messages li.theirs:has-text("Great, looking now")', { timeout: WAIT });
  step('messages went both ways');
  await bob.screenshot({ path: join(shots, '2-bob-chat.png') });

  // A status change appears on the other's page within a second (the requirement).
  await bob.selectOption('#show', 'dnd');
  await bob.fill('#status-text', 'In a design review');
  const changed = Date.now();
  await bob.click('#status-set');
  await alice.waitForSelector(`${colleague('bob@localhost')}[data-show="dnd"] .status[data-text="In a design review"]`,
      { timeout: 1000 });
  step(`alice saw bob's status change after ${Date.now() - changed} ms`);
  await alice.screenshot({ path: join(shots, '3-alice-sees-bob-dnd.png') });

  // Logging out ends the XMPP session: the other side sees it.
  await bob.click('header form button');
  await alice.waitForSelector(`${colleague('bob@localhost')}[data-show="offline"]`, { timeout: WAIT });
  step('alice saw bob go offline after he logged out');
  await alice.screenshot({ path: join(shots, '4-alice-sees-bob-offline.png') });
  console.log('BROWSER TEST PASSED');
} catch (e) {
  console.log('BROWSER TEST FAILED: ' + (e && e.stack || e));
  for (const [name, page] of [['alice', alice], ['bob', bob]]) {
    if (page) {
      await page.screenshot({ path: join(shots, `failure-${name}.png`) }).catch(() => {});
      console.log(`[${name} page] ` + await page.evaluate(() => document.body.innerText).catch(() => '?'));
    }
  }
  process.exitCode = 1;
} finally {
  await browser.close();
}
