// `npm run web` serves the built renderer: build it when it is missing or older than its sources.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const built = path.join(root, 'out/renderer/index.html');

function newest(dir) {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return latest;
}

const sourcesTime = Math.max(newest(path.join(root, 'renderer')), newest(path.join(root, 'shared')));
if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < sourcesTime) {
  console.log('Construction de l’interface…');
  execSync('npx vite build --configLoader runner --logLevel warn', { cwd: root, stdio: 'inherit' });
}
