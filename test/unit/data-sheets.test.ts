import { describe, expect, it } from 'vitest';
import { headerKey, suggestMapping } from '../../shared/features/data/import-fields';
import { detectSeparator, parseCsv, writeCsv } from '../../electron/features/data/sheets/csv';
import { decodeText, decodeWindows1252, encodeWindows1252 } from '../../electron/features/data/sheets/encoding';
import { parseCents, parseDate, parseDecimal } from '../../electron/features/data/sheets/values';
import { fillMerges, isDateFormat, readXlsx, serialToIso, isoToSerial, writeXlsx } from '../../electron/features/data/sheets/xlsx';
import { backupsToKeep, isoWeek } from '../../electron/features/data/retention';

describe('text encodings', () => {
  it('decodes Windows-1252 with its own table (Node built without full ICU decodes it as Latin-1)', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const decoded = decodeWindows1252(all);
    expect(decoded.slice(0, 0x80) + decoded.slice(0xa0)).toBe(new TextDecoder('latin1').decode(all.filter((b) => b < 0x80 || b >= 0xa0)));
    expect(decoded.slice(0x80, 0xa0)).toBe('€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ');
    expect(decodeWindows1252(Uint8Array.from([0x80, 0x9c, 0xe9, 0xe8, 0xe7, 0xe0, 0x92]))).toBe('€œéèçà’');
  });

  it('tells UTF-8 (with or without BOM), UTF-16 and Windows-1252 apart', () => {
    const text = 'Ressourcerie de la Vézère ; Œuvre';
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]))).toEqual({ text, encoding: 'UTF-8 (BOM)' });
    expect(decodeText(new TextEncoder().encode(text))).toEqual({ text, encoding: 'UTF-8' });
    expect(decodeText(encodeWindows1252(text))).toEqual({ text, encoding: 'Windows-1252' });
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Uint16Array.from([...text].map((c) => c.charCodeAt(0))).buffer)]);
    expect(decodeText(utf16)).toEqual({ text, encoding: 'UTF-16' });
  });
});

describe('CSV', () => {
  it('finds the separator: ";" with decimal commas, "," and tab', () => {
    expect(detectSeparator('Nom;Montant\nA;12,5\nB;3,25\n')).toBe(';');
    expect(detectSeparator('name,amount\nA,12.5\nB,3.25\n')).toBe(',');
    expect(detectSeparator('Nom\tVille\nA\tLimoges\n')).toBe('\t');
    expect(detectSeparator('"Nom; complet",Ville\n"A; B",Tulle\n')).toBe(',');
  });

  it('reads quoted fields with separators, doubled quotes and line breaks, and CRLF', () => {
    const rows = parseCsv('a;"b;c";"d ""e"""\r\n"multi\nligne";;x\r\n', ';');
    expect(rows).toEqual([
      ['a', 'b;c', 'd "e"'],
      ['multi\nligne', '', 'x'],
    ]);
  });

  it('writes what it reads', () => {
    const rows = [['Nom', 'Note'], ['La Boîte; à réemploi', 'dit "bonjour"\nà tous'], [' espace', '']];
    expect(parseCsv(writeCsv(rows), ';')).toEqual(rows);
  });
});

describe('French values', () => {
  it('reads numbers written the French and the English way', () => {
    expect(parseDecimal('1 250,50')).toBe(1250.5);
    expect(parseDecimal('1\u202f250,50 €')).toBe(1250.5);
    expect(parseDecimal('1.250,50')).toBe(1250.5);
    expect(parseDecimal('1,250.50')).toBe(1250.5);
    expect(parseDecimal('12.5')).toBe(12.5);
    expect(parseDecimal('1.250.000')).toBe(1250000);
    expect(parseDecimal('douze')).toBeNull();
    expect(parseCents('50')).toEqual({ ok: true, cents: 5000 });
    expect(parseCents('-3')).toEqual({ ok: false, key: 'error.moneyNegative' });
    expect(parseCents('1,234')).toEqual({ ok: false, key: 'error.money' });
  });

  it('reads dd/mm/yyyy dates, ISO dates and Excel serials, and refuses 31/02', () => {
    expect(parseDate('12/03/2026')).toEqual({ ok: true, date: '2026-03-12' });
    expect(parseDate('1/3/26')).toEqual({ ok: true, date: '2026-03-01' });
    expect(parseDate('12.03.2026 00:00:00')).toEqual({ ok: true, date: '2026-03-12' });
    expect(parseDate('2026-03-12')).toEqual({ ok: true, date: '2026-03-12' });
    expect(parseDate(46093)).toEqual({ ok: true, date: '2026-03-12' });
    expect(parseDate('31/02/2026')).toEqual({ ok: false });
    expect(parseDate('mars 2026')).toEqual({ ok: false });
  });

  it('converts Excel serials both ways, with the 1900 leap-year quirk', () => {
    expect(serialToIso(1)).toBe('1900-01-01');
    expect(serialToIso(61)).toBe('1900-03-01');
    expect(serialToIso(45658)).toBe('2025-01-01');
    expect(isoToSerial('2025-01-01')).toBe(45658);
    expect(serialToIso(0, true)).toBeNull();
    expect(isDateFormat('dd/mm/yyyy')).toBe(true);
    expect(isDateFormat('#,##0.00\\ "€"')).toBe(false);
    expect(isDateFormat('[$-40C]d mmmm yyyy;@')).toBe(true);
  });
});

describe('XLSX', () => {
  it('writes a workbook it reads back: shared and inline strings, numbers, dates, amounts, merges', () => {
    for (const inlineStrings of [false, true]) {
      const bytes = writeXlsx({
        name: 'Structures',
        header: true,
        inlineStrings,
        merges: ['A1:C1'],
        rows: [
          ['Liste des adhérents <2026> & co', null, null],
          ['Nom', 'Adhésion', 'Cotisation'],
          ['Ressourcerie « Le Grenier »', { date: '2026-03-12' }, { cents: 125050 }],
          [],
          ['Emmaüs', { date: '2025-01-01' }, 42],
        ],
      });
      const sheet = readXlsx(bytes);
      expect(sheet.name).toBe('Structures');
      expect(sheet.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 2 }]);
      expect(sheet.rows[0]).toEqual(['Liste des adhérents <2026> & co']);
      expect(sheet.rows[2]).toEqual(['Ressourcerie « Le Grenier »', { date: '2026-03-12' }, 1250.5]);
      expect(sheet.rows[3]).toEqual([]);
      expect(sheet.rows[4]).toEqual(['Emmaüs', { date: '2025-01-01' }, 42]);
      expect(fillMerges(sheet)[0]).toEqual(['Liste des adhérents <2026> & co', 'Liste des adhérents <2026> & co', 'Liste des adhérents <2026> & co']);
    }
  });

  it('refuses a file that is not a workbook', () => {
    expect(() => readXlsx(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toThrow(/badXlsx/);
  });
});

describe('column titles', () => {
  it('matches usual French and English titles, without accents, case or punctuation', () => {
    expect(headerKey('N° SIRET')).toBe('n siret');
    expect(suggestMapping('organisations', ['Raison sociale', 'N° SIRET', 'CP', 'Commune', 'Courriel', 'Tél.', 'Divers'])).toEqual([
      'name',
      'siret',
      'postcode',
      'city',
      'email',
      'phone',
      null,
    ]);
    expect(suggestMapping('organisations', ['Nom de la structure', 'Code postal', 'Ville', 'E-mail'])).toEqual(['name', 'postcode', 'city', 'email']);
    expect(suggestMapping('people', ['NOM', 'Prénom', 'Structure employeuse', 'Fonction'])).toEqual(['lastName', 'firstName', 'organisation', 'role']);
    expect(suggestMapping('memberships', ['Structure', 'Année', 'Cotisation', 'Montant payé', 'Payé le', 'Mode de règlement'])).toEqual([
      'organisation',
      'year',
      'feeDue',
      'amountPaid',
      'paidOn',
      'paymentMethod',
    ]);
  });
});

describe('backup retention', () => {
  const at = (iso: string) => ({ name: `maillage-auto-${iso}.sqlite`, at: new Date(iso) });

  it('keeps the newest of each of the last 7 days, 4 weeks and 12 months', () => {
    // Two backups a day for 400 days.
    const files = [];
    for (let d = 0; d < 400; d++) {
      const day = new Date(Date.UTC(2026, 2, 12) - d * 86_400_000);
      files.push(at(new Date(day.getTime() + 9 * 3_600_000).toISOString()), at(new Date(day.getTime() + 18 * 3_600_000).toISOString()));
    }
    const keep = backupsToKeep(files);
    const kept = files.filter((f) => keep.has(f.name)).map((f) => f.at.toISOString().slice(0, 13));
    // 7 daily (evening copies of 6–12 March), then Sundays of earlier weeks, then month ends.
    expect(kept.slice(0, 7)).toEqual(['2026-03-12T18', '2026-03-11T18', '2026-03-10T18', '2026-03-09T18', '2026-03-08T18', '2026-03-07T18', '2026-03-06T18']);
    expect(kept).toContain('2026-03-01T18'); // week 9 (Sunday) and not yet a month boundary
    expect(kept).toContain('2026-02-28T18'); // last of February
    expect(kept).toContain('2025-04-30T18'); // twelfth month
    expect(kept).not.toContain('2025-03-31T18'); // thirteenth month
    expect(keep.size).toBeLessThanOrEqual(7 + 4 + 12);
    expect(keep.size).toBeGreaterThanOrEqual(12 + 1);
  });

  it('keeps everything while there are few, and always the newest', () => {
    const files = [at('2026-03-12T09:00:00.000Z'), at('2026-03-12T10:00:00.000Z')];
    expect([...backupsToKeep(files)]).toEqual([files[1]!.name]);
    expect(backupsToKeep([at('2020-01-01T00:00:00.000Z')]).size).toBe(1);
    expect(isoWeek(new Date('2026-01-01T00:00:00Z'))).toBe('2026-W01');
    expect(isoWeek(new Date('2027-01-01T00:00:00Z'))).toBe('2026-W53');
  });
});
