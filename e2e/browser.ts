import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium, never a downloaded one. `ZT_CHROMIUM` points elsewhere (another distro's
 * path, a CI image).
 */
const executablePath = process.env.ZT_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Quiet, self-contained Chromium: no GPU, no sandbox (containers), no QUIC, and none of the
 * background traffic (updates, sync, field trials) that would make a run depend on the network.
 * No --user-data-dir: Playwright refuses it for launch() and instead gives every browser a new,
 * empty profile directory of its own, which it deletes on close.
 */
const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Starts headless Chromium for a browser test; the caller closes it. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: chromiumFlags });
}
