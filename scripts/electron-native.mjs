// Provides better-sqlite3 built for Electron's ABI at out/native/electron-<version>/better_sqlite3.node.
//
// node_modules/better-sqlite3 keeps its Node build (tests, CLI, web mode): the Electron build is
// made in a throwaway copy and loaded through better-sqlite3's `nativeBinding` option, so
// `npm test` and `npm start` never undo each other's work. Order of attempts: a prebuilt binary
// (prebuild-install, GitHub releases), then a build from source (node-gyp, Electron's headers).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(path.join(root, 'package.json'));

function fail(message) {
  console.error(`Échec : ${message}`);
  process.exit(1);
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

const electronPackage = readJson(path.join(root, 'node_modules', 'electron', 'package.json'));
if (!electronPackage?.version) fail('paquet electron introuvable dans node_modules (lancez npm install).');
const electronVersion = electronPackage.version;

const sourceDir = path.join(root, 'node_modules', 'better-sqlite3');
const sqlitePackage = readJson(path.join(sourceDir, 'package.json'));
if (!sqlitePackage?.version) fail('paquet better-sqlite3 introuvable dans node_modules (lancez npm install).');

const targetDir = path.join(root, 'out', 'native', `electron-${electronVersion}`);
const target = path.join(targetDir, 'better_sqlite3.node');
if (fs.existsSync(target)) {
  console.log(`SQLite pour Electron ${electronVersion} : déjà prêt (${path.relative(root, target)}).`);
  process.exit(0);
}

const arch = process.env.npm_config_arch || process.arch;
const workDir = path.join(root, 'out', 'native', 'build-src', `better-sqlite3-${sqlitePackage.version}-electron-${electronVersion}-${arch}`);
const logFile = path.join(root, 'out', 'native', 'build-src', `electron-${electronVersion}-${arch}.log`);
const builtFile = path.join(workDir, 'build', 'Release', 'better_sqlite3.node');

console.log(`SQLite pour Electron ${electronVersion} (${process.platform}-${arch}) : préparation de better-sqlite3 ${sqlitePackage.version}…`);

// A private copy without the Node build: node_modules/better-sqlite3/build is never touched.
fs.rmSync(workDir, { recursive: true, force: true });
fs.mkdirSync(path.dirname(workDir), { recursive: true });
fs.cpSync(sourceDir, workDir, {
  recursive: true,
  filter: (file) => {
    const relative = path.relative(sourceDir, file).split(path.sep);
    return relative[0] !== 'build' && relative[0] !== 'node_modules';
  },
});
fs.writeFileSync(logFile, '');

/**
 * The environment for an Electron build. A machine whose npm points node-gyp at Node's own headers
 * (`nodedir`) would otherwise get a module built for Node's ABI under Electron's name.
 */
function electronBuildEnv() {
  const env = { ...process.env, npm_config_runtime: 'electron', npm_config_target: electronVersion, npm_config_arch: arch };
  for (const key of Object.keys(env)) if (/^(npm_config_nodedir|nodedir)$/i.test(key)) delete env[key];
  return env;
}

function run(label, script, args) {
  fs.appendFileSync(logFile, `\n$ ${label} ${args.join(' ')}\n`);
  const log = fs.openSync(logFile, 'a');
  try {
    const result = spawnSync(process.execPath, [script, ...args], {
      cwd: workDir,
      stdio: ['ignore', log, log],
      env: electronBuildEnv(),
    });
    return result.status === 0 && fs.existsSync(builtFile);
  } finally {
    fs.closeSync(log);
  }
}

function firstExisting(candidates) {
  return candidates.find((candidate) => candidate && fs.existsSync(candidate)) ?? null;
}

function tryResolve(request, options) {
  try {
    return require.resolve(request, options);
  } catch {
    return null;
  }
}

let ready = false;

const prebuildInstall = firstExisting([tryResolve('prebuild-install/bin.js', { paths: [sourceDir] })]);
if (prebuildInstall) {
  console.log('Recherche d’un binaire précompilé pour Electron…');
  ready = run('prebuild-install', prebuildInstall, ['--runtime', 'electron', '--target', electronVersion, '--arch', arch, '--verbose']);
  if (!ready) console.log('Aucun binaire précompilé utilisable : compilation depuis les sources (environ une minute).');
}

if (!ready) {
  const npmExecPath = process.env.npm_execpath;
  const nodeGyp = firstExisting([
    tryResolve('node-gyp/bin/node-gyp.js'),
    // npm ships its own node-gyp, next to npm-cli.js.
    npmExecPath ? path.join(path.dirname(npmExecPath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js') : null,
  ]);
  if (!nodeGyp) fail(`node-gyp introuvable ; impossible de compiler better-sqlite3 pour Electron ${electronVersion}.`);
  console.log(`Compilation de better-sqlite3 avec les en-têtes d’Electron ${electronVersion}…`);
  ready = run('node-gyp', nodeGyp, [
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    `--arch=${arch}`,
    '--dist-url=https://electronjs.org/headers',
    '--runtime=electron',
  ]);
}

if (!ready) {
  fail(
    `impossible d’obtenir better-sqlite3 pour Electron ${electronVersion} (réseau vers github.com et electronjs.org requis ; journal : ${path.relative(root, logFile)}).`,
  );
}

// Copied under a temporary name then renamed: a half-written module must never look ready.
fs.mkdirSync(targetDir, { recursive: true });
const partial = `${target}.partial`;
fs.copyFileSync(builtFile, partial);
fs.renameSync(partial, target);
fs.rmSync(workDir, { recursive: true, force: true });
console.log(`SQLite pour Electron ${electronVersion} : prêt (${path.relative(root, target)}).`);
