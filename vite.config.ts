import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { catalogues, LANGUAGES, type Language } from './shared/i18n/index';
import { isFirstScreenKey } from './renderer/i18n/first-screen';

const ROOT = fileURLToPath(new URL('.', import.meta.url));
const CATALOGUE_INDEX = path.join(ROOT, 'shared/i18n/index.ts');
const RENDERER_CATALOGUE = path.join(ROOT, 'renderer/i18n/catalogue.ts');
const VIRTUAL = 'virtual:maillage-catalogue/';

/**
 * Each language's messages in chunks of their own, loaded on demand: the renderer imports
 * `shared/i18n/index.ts` (every language, ~400 kB) as `renderer/i18n/catalogue.ts`, which loads
 * only the active one, in two parts: `<language>-first` (the first screen's messages,
 * `renderer/i18n/first-screen.ts`) and `<language>-rest`. The messages are written as one JSON
 * string: parsed faster than a literal.
 */
function catalogueChunks(): Plugin {
  return {
    name: 'maillage-catalogue',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source.startsWith(VIRTUAL)) return `\0${source}`;
      if (!importer || !/(^|\/)i18n\/index(\.ts)?$/.test(source) || importer === RENDERER_CATALOGUE) return null;
      const resolved = path.resolve(path.dirname(importer), source.endsWith('.ts') ? source : `${source}.ts`);
      return resolved === CATALOGUE_INDEX ? RENDERER_CATALOGUE : null;
    },
    load(id) {
      if (!id.startsWith(`\0${VIRTUAL}`)) return null;
      const [language, part] = id.slice(VIRTUAL.length + 1).split('-') as [Language, string];
      if (!(LANGUAGES as readonly string[]).includes(language) || (part !== 'first' && part !== 'rest')) throw new Error(`unknown catalogue ${id}`);
      const messages = Object.fromEntries(Object.entries(catalogues[language]).filter(([key]) => isFirstScreenKey(key) === (part === 'first')));
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(messages))});`;
    },
  };
}

/** The renderer is built to static files: Electron loads them with file://, web mode serves them. */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [catalogueChunks(), react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // Routes and documents are split off; the first screen loads the entry and its language.
    chunkSizeWarningLimit: 1500,
  },
});
