// Prepares the viewer's files for the jar: installs the locked npm packages (npm ci) when the lock
// file changed since the last install, then copies Mirador's prebuilt UMD bundle and its licence to
// OUT/static/mirador/. Run by Maven in generate-resources: node build.mjs OUT
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2];
if (!out) {
  console.error('usage: node build.mjs OUTPUT_DIR');
  process.exit(2);
}

const lockHash = createHash('sha256').update(readFileSync('package-lock.json')).digest('hex');
const stamp = join('node_modules', '.dossier-lock-sha256');
const installed = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : '';
if (installed !== lockHash) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['ci', '--no-progress'], { stdio: 'inherit' });
  writeFileSync(stamp, lockHash + '\n');
}

const target = join(out, 'static', 'mirador');
mkdirSync(target, { recursive: true });
const mirador = join('node_modules', 'mirador');
const version = JSON.parse(readFileSync(join(mirador, 'package.json'), 'utf8')).version;
copyFileSync(join(mirador, 'dist', 'mirador.min.js'), join(target, 'mirador.min.js'));
copyFileSync(join(mirador, 'LICENSE'), join(target, 'LICENSE.txt'));
writeFileSync(join(target, 'VERSION.txt'), version + '\n');
console.log(`viewer: mirador ${version} copied to ${target}`);
