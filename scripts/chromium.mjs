// Debian's Chromium as the viewer tests and benchmark launch it (playwright-core cannot
// download a browser here). The flags keep it off the network and quiet in a sandbox.
export const CHROMIUM = process.env.KG_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
