// Renders the web app's PNG icons from their SVG sources with Debian's Chromium; run once
// after changing static/icons/icone.svg or icone-maskable.svg, and commit the PNGs:
//
//   cd tests/browser && node tools/make-icons.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ICONS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../static/icons');
const OUTPUTS = [
  { source: 'icone.svg', file: 'icone-192.png', size: 192 },
  { source: 'icone.svg', file: 'icone-512.png', size: 512 },
  { source: 'icone-maskable.svg', file: 'icone-maskable-192.png', size: 192 },
  { source: 'icone-maskable.svg', file: 'icone-maskable-512.png', size: 512 },
  // iOS rounds the corners itself and wants no transparency.
  { source: 'icone-maskable.svg', file: 'apple-touch-icon.png', size: 180 },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  for (const { source, file, size } of OUTPUTS) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const svg = fs.readFileSync(path.join(ICONS, source), 'utf8');
    const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    await page.setContent(`<!DOCTYPE html><html><body style="margin:0;background:transparent">` +
      `<img src="${src}" width="${size}" height="${size}" style="display:block"></body></html>`);
    await page.locator('img').evaluate((img) => img.decode());
    await page.screenshot({ path: path.join(ICONS, file), omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    await page.close();
    console.log(`${file} (${size}×${size}) from ${source}`);
  }
} finally {
  await browser.close();
}
