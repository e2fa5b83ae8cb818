// Bundles the Electron main process and the preload into out/ as CommonJS.
// CommonJS because a sandboxed preload cannot load ES modules, and for main it keeps
// `__dirname` and better-sqlite3's `require` of its native binding straightforward.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  sourcemap: true,
  // electron is provided by the runtime; better-sqlite3 loads a native module by path at run time.
  // Native addons stay outside the bundle: loaded from node_modules (electron-builder packs the production dependencies).
  external: ['electron', 'better-sqlite3', '@node-rs/argon2'],
  logLevel: 'warning',
  legalComments: 'none',
};

/** METHOD_NAMES as the contract computes it, evaluated once at build time. */
async function contractMethodNames() {
  const result = await build({ ...common, entryPoints: ['shared/api/contract.ts'], write: false, sourcemap: false });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', result.outputFiles[0].text)(module, module.exports, createRequire(import.meta.url));
  const names = module.exports.METHOD_NAMES;
  if (!Array.isArray(names) || names.length === 0) throw new Error('METHOD_NAMES introuvable dans shared/api/contract.ts');
  return names;
}

/**
 * The preload needs the method names only. Bundling the contract itself would drag zod, every
 * schema and the message catalogue (about 750 kB) into each page load of the renderer.
 */
function contractNamesOnly(names) {
  return {
    name: 'contract-names-only',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /[\\/]api[\\/]contract$/ }, (args) => ({
        path: path.relative(root, path.join(args.resolveDir, args.path)),
        namespace: 'contract-names',
      }));
      pluginBuild.onLoad({ filter: /.*/, namespace: 'contract-names' }, () => ({
        contents: `export const METHOD_NAMES = Object.freeze(${JSON.stringify(names)});`,
        loader: 'js',
      }));
    },
  };
}

try {
  const names = await contractMethodNames();
  await Promise.all([
    build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'out/main/main.cjs', target: 'node22' }),
    build({
      ...common,
      entryPoints: ['electron/preload.ts'],
      outfile: 'out/preload/preload.cjs',
      target: 'chrome140',
      plugins: [contractNamesOnly(names)],
    }),
  ]);
  console.log(`Processus principal et preload construits dans out/main et out/preload (${names.length} méthodes exposées).`);
} catch (error) {
  // esbuild has already printed its errors with their locations.
  console.error(`Échec de la construction du processus principal : ${error instanceof Error ? error.message.split('\n')[0] : error}`);
  process.exit(1);
}
