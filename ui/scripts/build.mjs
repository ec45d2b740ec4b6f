// Maven's entry to the UI build: installs dependencies only when the lockfile changed since the last
// install, and builds only when a source is newer than the last build, so repeated builds stay fast.
import { execSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (cmd) => execSync(cmd, { cwd: root, stdio: 'inherit' });

const lockHash = createHash('sha256').update(readFileSync(join(root, 'package-lock.json'))).digest('hex');
const stamp = join(root, 'node_modules', '.tributary-lock-hash');
if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== lockHash) {
  run(`${npm} ci --no-audit --no-fund --loglevel=error`);
  writeFileSync(stamp, lockHash);
}

const newest = (p) => {
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(p).reduce((m, f) => Math.max(m, newest(join(p, f))), s.mtimeMs);
};
const output = join(root, 'target', 'classes', 'ui', 'index.html');
const inputs = ['src', 'public', 'index.html', 'vite.config.js', 'package-lock.json'].map((f) => join(root, f));
if (!existsSync(output) || Math.max(...inputs.map(newest)) > statSync(output).mtimeMs || process.env.UI_REBUILD) {
  run(`${npm} run build --silent`);
}
