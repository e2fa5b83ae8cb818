// `npm start`: the desktop app where Electron can run, web mode in the default browser where it cannot.
//
// Electron's binary is downloaded on first run and better-sqlite3 must be built for its ABI; on a
// machine that can reach neither download host, the shell cannot be prepared. Rather than stop
// there, say why in one line and serve the same app in web mode on the same default database.
//
// Arguments after `npm start --` go to web mode (`--db FICHIER`, `--port N`).
// MAILLAGE_SKIP_BUILD=1 skips building what is already built (tests); MAILLAGE_NO_BROWSER=1 only prints the address.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(path.join(root, 'package.json'));
const webArgs = process.argv.slice(2);
const skipBuild = process.env.MAILLAGE_SKIP_BUILD === '1';

/** The first meaningful line of a failed step's output, for a one-line reason. */
function firstLine(text) {
  const lines = String(text ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const error = lines.find((line) => /^(Échec|\w*Error\b)/.test(line));
  return (error ?? lines.at(-1) ?? '').replace(/^\w*Error: /, '');
}

/**
 * The path of the Electron binary, or the reason there is none. `require('electron')` downloads the
 * binary when it is missing, so it runs in a child process: a failed download prints a stack trace.
 */
function electronBinary() {
  const result = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: root,
    encoding: 'utf8',
    env: process.env,
  });
  if (result.status !== 0) return { ok: false, reason: `le binaire Electron n’a pas pu être téléchargé (${firstLine(result.stderr || result.stdout) || 'erreur inconnue'})` };
  const binary = result.stdout.trim();
  if (!binary || !fs.existsSync(binary)) return { ok: false, reason: `binaire Electron introuvable (${binary || 'aucun chemin'})` };
  return { ok: true, binary };
}

function runNpm(script) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  return spawnSync(npm, ['run', script], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' }).status === 0;
}

function prepareElectron() {
  const binary = electronBinary();
  if (!binary.ok) return binary;
  if (!(skipBuild && fs.existsSync(path.join(root, 'out', 'main', 'main.cjs')) && fs.existsSync(path.join(root, 'out', 'renderer', 'index.html')))) {
    if (!runNpm('build')) {
      console.error('Échec : la construction de l’application a échoué.');
      process.exit(1);
    }
  }
  const native = spawnSync(process.execPath, [path.join(root, 'scripts', 'electron-native.mjs')], { cwd: root, encoding: 'utf8' });
  process.stdout.write(native.stdout ?? '');
  if (native.status !== 0) return { ok: false, reason: firstLine(native.stderr).replace(/^Échec : /, '') || 'module SQLite pour Electron indisponible' };
  return binary;
}

function startElectron(binary) {
  const child = spawn(binary, ['.'], { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/** The command that opens an address in the default browser, or null where there is no screen to show it on. */
function browserCommand(url) {
  if (process.env.MAILLAGE_NO_BROWSER === '1') return null;
  if (process.platform === 'darwin') return ['open', [url]];
  if (process.platform === 'win32') return ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]];
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return null;
  return ['xdg-open', [url]];
}

function openBrowser(url) {
  const command = browserCommand(url);
  if (!command) return;
  try {
    const child = spawn(command[0], command[1], { stdio: 'ignore', detached: true });
    child.on('error', () => console.log(`Ouvrez cette adresse dans un navigateur : ${url}`));
    child.unref();
  } catch {
    console.log(`Ouvrez cette adresse dans un navigateur : ${url}`);
  }
}

function startWeb() {
  const renderer = path.join(root, 'out', 'renderer', 'index.html');
  if (!(skipBuild && fs.existsSync(renderer))) {
    const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'ensure-renderer.mjs')], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) {
      console.error('Échec : la construction de l’interface a échoué.');
      process.exit(1);
    }
  }
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), path.join(root, 'electron', 'web-main.ts'), ...webArgs], {
    cwd: root,
    stdio: ['inherit', 'pipe', 'inherit'],
  });
  let pending = '';
  let opened = false;
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    if (opened) return;
    pending += chunk.toString('utf8');
    const match = /Maillage web : (\S+)/.exec(pending);
    if (match) {
      opened = true;
      openBrowser(match[1]);
      console.log('Ctrl+C pour arrêter.');
    }
  });
  // Ctrl+C reaches the server too (same process group): wait for it to close the database cleanly.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

const electron = prepareElectron();
if (electron.ok) {
  startElectron(electron.binary);
} else {
  console.log(`Electron ne peut pas être lancé ici : ${electron.reason}. Maillage démarre en mode web dans le navigateur.`);
  startWeb();
}
