import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { decodeText } from '../../electron/features/data/sheets/encoding';
import { unzipSync, zipSync } from 'fflate';
import { parseCsv } from '../../electron/features/data/sheets/csv';
import { readXlsx, writeXlsx } from '../../electron/features/data/sheets/xlsx';
import { createDispatcher } from '../../electron/api/dispatch';
import { createHandlers } from '../../electron/app/handlers';
import { startWebServer } from '../../electron/web/server';
import { contract } from '../../shared/api/contract';
import { bytesToBase64 } from '../../shared/api/files';
import { formatImportIssue } from '../../shared/features/data/messages';
import { translate } from '../../shared/i18n/index';
import { optionalText, requiredText, textRules } from '../../shared/validation/fields';
import { openTestApp, tempDir, type TestApp } from '../helpers/store';

let apps: TestApp[] = [];
afterEach(async () => {
  for (const a of apps) await a.close();
  apps = [];
});
async function app() {
  const a = await openTestApp();
  apps.push(a);
  return a;
}

interface Leaf {
  path: string;
  schema: z.ZodType;
  kind: 'line' | 'multiline' | 'format' | 'key' | null;
}

/** Every string an input schema of the contract can hold, with the registered rule that checks it. */
function stringLeaves(schema: z.ZodType, path: string, out: Leaf[], stack: z.ZodType[] = []): void {
  if (stack.includes(schema)) return;
  const rule = textRules.get(schema);
  if (rule) {
    out.push({ path, schema, kind: rule.kind });
    return;
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- zod's definitions are walked generically.
  const def = (schema as any)._zod.def;
  const next = (s: z.ZodType, p = path): void => stringLeaves(s, p, out, [...stack, schema]);
  switch (def.type) {
    case 'string':
      out.push({ path, schema, kind: null });
      return;
    case 'object':
      for (const [k, v] of Object.entries(def.shape)) next(v as z.ZodType, `${path}.${k}`);
      return;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return next(def.innerType);
    case 'pipe':
      next(def.in);
      return next(def.out);
    case 'array':
      return next(def.element, `${path}[]`);
    case 'record':
      next(def.keyType, `${path}{key}`);
      return next(def.valueType, `${path}{}`);
    case 'union':
      for (const o of def.options) next(o);
      return;
    case 'intersection':
      next(def.left);
      return next(def.right);
    case 'lazy':
      return next(def.getter());
    default:
      return;
  }
}

function contractLeaves(): Leaf[] {
  const out: Leaf[] = [];
  for (const [name, spec] of Object.entries(contract)) stringLeaves(spec.input as z.ZodType, name, out);
  return out;
}

const keysOf = (r: { success: boolean; error?: z.ZodError }) => (r.success ? [] : r.error!.issues.map((i) => i.message));

describe('the shared text validators', () => {
  it('refuse control characters, bidi overrides, lone surrogates and invisible-only names', () => {
    const name = requiredText(100);
    expect(keysOf(name.safeParse('\u0000'))).toEqual(['error.text.control']);
    expect(keysOf(name.safeParse('\u200B\u200B\u200B'))).toEqual(['error.text.invisible']);
    expect(keysOf(name.safeParse('\u200B \uFEFF\u2060'))).toEqual(['error.text.invisible']);
    expect(keysOf(name.safeParse('Ressourcerie \u202Eeirecruoser'))).toEqual(['error.text.bidi']);
    expect(keysOf(name.safeParse('Ressourcerie \u2066A\u2069'))).toEqual(['error.text.bidi']);
    expect(keysOf(name.safeParse('Ressourcerie \uD800'))).toEqual(['error.text.surrogate']);
    expect(keysOf(name.safeParse('\uDC00abc'))).toEqual(['error.text.surrogate']);
    expect(keysOf(name.safeParse('Deux\nlignes'))).toEqual(['error.text.lineBreak']);
    expect(keysOf(name.safeParse('\u0085'))).toEqual(['error.text.control']);
    // Real text passes: accents, emoji (surrogate pairs), joiners inside a word, Arabic with its marks.
    for (const ok of ['Ressourcerie de la Vézère', 'Atelier 🚲 vélo', 'Famille 👩‍👩‍👧', 'جمعية\u200F ريكولت', 'L’Œuvre « commune »']) expect(name.safeParse(ok).success).toBe(true);
  });

  it('keep line breaks and tabs in multi-line fields, and read an invisible-only optional text as empty', () => {
    const note = optionalText(4000, { multiline: true });
    expect(note.parse('Première ligne\n\tretrait\r\nfin')).toBe('Première ligne\n\tretrait\r\nfin');
    expect(keysOf(note.safeParse('a\u0007b'))).toEqual(['error.text.control']);
    expect(keysOf(note.safeParse('a\u202Eb'))).toEqual(['error.text.bidi']);
    expect(optionalText(100).parse('\u200B')).toBeNull();
    expect(keysOf(optionalText(100).safeParse('a\nb'))).toEqual(['error.text.lineBreak']);
  });

  it('check every string of every input of the contract (the contract is walked)', () => {
    const leaves = contractLeaves();
    expect(leaves.length).toBeGreaterThan(150);
    expect(leaves.filter((l) => l.kind === null).map((l) => l.path)).toEqual([]);
    for (const leaf of leaves) {
      for (const bad of ['a\u0000b', 'a\u202Eb', 'a\uD800b']) {
        expect(leaf.schema.safeParse(bad).success, `${leaf.path} accepts ${JSON.stringify(bad)}`).toBe(false);
      }
      if (leaf.kind === 'line') expect(leaf.schema.safeParse('a\nb').success, `${leaf.path} accepts a line break`).toBe(false);
      if (leaf.kind === 'multiline') expect(leaf.schema.safeParse('a\nb').success, `${leaf.path} loses its line breaks`).toBe(true);
    }
    // Notes and minutes are multi-line.
    const multiline = leaves.filter((l) => l.kind === 'multiline').map((l) => l.path);
    expect(multiline).toEqual(expect.arrayContaining(['organisations.create.note', 'meetings.saveDiscussion.discussion', 'meetings.addDecision.text', 'time.entries.create.note']));
  });
});

describe('names through the API', () => {
  it('refuses a NUL name, a zero-width name and a right-to-left override, naming the field in French', async () => {
    const a = await app();
    for (const [name, key] of [
      ['\u0000', 'error.text.control'],
      ['\u200B\u200B', 'error.text.invisible'],
      ['Ressourcerie \u202Egnp.exe', 'error.text.bidi'],
    ] as const) {
      const error = await a.fail('organisations.create', { name, kind: 'member' });
      expect(error.issues).toEqual([{ path: 'name', key }]);
      expect(error.message).toBe(`name : ${translate('fr', key)}`);
    }
    // A lone surrogate, as JSON can carry it over HTTP ("\ud800").
    const lone = JSON.parse('{"firstName":"Marie\\ud800","lastName":"Dupont"}') as { firstName: string; lastName: string };
    expect((await a.fail('people.create', lone)).issues).toEqual([{ path: 'firstName', key: 'error.text.surrogate' }]);
    expect(await a.count('organisations')).toBe(0);
    expect(await a.count('people')).toBe(0);
    // A note keeps its lines.
    const org = await a.call('organisations.create', { name: 'Ressourcerie', kind: 'member', note: 'Ligne 1\nLigne 2\tfin' });
    expect(org.note).toBe('Ligne 1\nLigne 2\tfin');
  });

  it('refuses the same characters in an imported file, naming the line and the column', async () => {
    const a = await app();
    const csv = ['Nom;Ville', 'Bonne;Tulle', '\u200B;Tulle', 'Ressourcerie \u202Eabc;Tulle', 'Ville;Lim\u0007oges'].join('\r\n');
    const analysis = await a.call('data.import.analyze', { fileName: 's.csv', base64: bytesToBase64(new TextEncoder().encode(csv)), type: 'organisations' });
    expect(analysis.issues.map((i) => formatImportIssue('fr', i))).toEqual([
      `Ligne 3, colonne « Nom » : ${translate('fr', 'error.text.invisible')}`,
      `Ligne 4, colonne « Nom » : ${translate('fr', 'error.text.bidi')}`,
      `Ligne 5, colonne « Ville » : ${translate('fr', 'error.text.control')}`,
    ]);
  });
});

describe('file decoding', () => {
  it('refuses invalid UTF-8 in a file that declares UTF-8 (BOM), instead of writing U+FFFD', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Nom\r\nVez'), 0xe8, 0x72, 0x65, 0x0d, 0x0a]);
    expect(() => decodeText(bytes)).toThrow(/data.import.badEncoding/);
    const a = await app();
    const error = await a.fail('data.import.analyze', { fileName: 's.csv', base64: bytesToBase64(bytes), type: 'organisations' });
    expect(error.key).toBe('data.import.badEncoding');
    expect(error.message).toContain('octet n° 12');
  });

  it('falls back to Windows-1252 only when the bytes are not UTF-8 and no BOM says otherwise', () => {
    const decoded = decodeText(new Uint8Array([0x56, 0xe9, 0x7a, 0xe8, 0x72, 0x65]));
    expect(decoded).toEqual({ text: 'Vézère', encoding: 'Windows-1252' });
    expect(decoded.text).not.toContain('\uFFFD');
    expect(() => decodeText(new Uint8Array([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00]))).toThrow(/data.import.badEncoding/);
  });

  it('refuses an XLSX whose XML is not valid UTF-8', () => {
    const parts = unzipSync(writeXlsx({ name: 'F', rows: [['Nom'], ['Vézère']] }));
    const sst = parts['xl/sharedStrings.xml']!;
    const at = sst.indexOf(0xc3);
    const broken = new Uint8Array(sst);
    broken[at + 1] = 0x28;
    parts['xl/sharedStrings.xml'] = broken;
    expect(() => readXlsx(zipSync(parts))).toThrow(/data.import.badXlsx/);
  });

  it('keeps a NUL character of a CSV cell so that the validators see it', () => {
    expect(parseCsv('a;\u0000;""\r\n', ';')).toEqual([['a', '\u0000', '']]);
  });
});

describe('JSON over HTTP (web mode)', () => {
  it('refuses a body that is not UTF-8, and a lone surrogate escaped in the JSON, writing nothing', async () => {
    const a = await app();
    const server = await startWebServer({ dispatch: createDispatcher(createHandlers(a.store, { runtime: 'test' })), staticDir: tempDir(), port: 0 });
    try {
      const post = (body: Buffer) =>
        new Promise<{ status: number; body: string }>((resolve, reject) => {
          const req = http.request(
            { host: '127.0.0.1', port: server.port, path: '/api/organisations.create', method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}`, 'Content-Length': body.length } },
            (res) => {
              let text = '';
              res.on('data', (c) => (text += c));
              res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
            },
          );
          req.on('error', reject);
          req.end(body);
        });
      const latin1 = await post(Buffer.concat([Buffer.from('{"kind":"member","name":"V'), Buffer.from([0xe9]), Buffer.from('zere"}')]));
      expect(latin1.status).toBe(400);
      const lone = await post(Buffer.from('{"kind":"member","name":"V\\ud800zere"}'));
      expect(JSON.parse(lone.body)).toMatchObject({ ok: false, error: { issues: [{ path: 'name', key: 'error.text.surrogate' }] } });
      expect(await a.count('organisations')).toBe(0);
    } finally {
      await server.close();
    }
  });
});
