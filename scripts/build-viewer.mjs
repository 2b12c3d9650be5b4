// Builds the Sigma.js viewer (viewer/) into dist/viewer with Vite, so `kg view`
// serves static files and needs neither a dev server nor the network.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const config = path.join(root, 'viewer', 'vite.config.ts');
if (!existsSync(config)) {
  console.log('build-viewer: no viewer/vite.config.ts yet; skipping');
  process.exit(0);
}
const { build } = await import('vite');
await build({ configFile: config, logLevel: 'warn' });
