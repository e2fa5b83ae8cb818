import { Packer } from 'docx';
import { describe, expect, it } from 'vitest';
import { buildDocument, heading, paragraph, signatures, table, title } from '../../shared/documents/kit';
import { frenchTypography, NBSP, NNBSP } from '../../shared/documents/typography';
import { formatDate, formatDateLong, formatMoney, parseEuros } from '../../shared/format/fr';
import { readDocx } from '../helpers/docx';

describe('French typography', () => {
  it.each([
    ['Ordre du jour: points divers', `Ordre du jour${NBSP}: points divers`],
    ['Vraiment ? Oui !', `Vraiment${NNBSP}? Oui${NNBSP}!`],
    ['a ; b', `a${NNBSP}; b`],
    ['le "Faïte de la récup"', `le «${NNBSP}Faïte de la récup${NNBSP}»`],
    ["l'association", 'l’association'],
    ['Début à 10:30, voir https://exemple.fr/?a=1', 'Début à 10:30, voir https://exemple.fr/?a=1'],
  ])('%s', (input, expected) => {
    expect(frenchTypography(input)).toBe(expected);
  });
});

describe('French formats', () => {
  it('formats money, dates and parses amounts typed the French way', () => {
    expect(formatMoney(6_200_000)).toBe(`62${NNBSP}000${NBSP}€`);
    expect(formatMoney(125_050)).toBe(`1${NNBSP}250,50${NBSP}€`);
    expect(formatDate('2026-03-12')).toBe('12 mars 2026');
    expect(formatDateLong('2026-03-01')).toBe('1er mars 2026');
    expect(parseEuros('1 250,50')).toBe(125_050);
    expect(parseEuros('12 €')).toBe(1200);
    expect(parseEuros('12,345')).toBeNull();
    expect(parseEuros('abc')).toBeNull();
  });
});

describe('document kit', () => {
  it('produces heading styles, a repeating table header, page numbers X / Y and signature blocks', async () => {
    const rows = Array.from({ length: 80 }, (_, i) => [`Personne ${i + 1}`, 'Structure', ''] as string[]);
    const doc = buildDocument({
      title: 'Essai',
      letterhead: { name: 'Réseau des ressourceries du Limousin', city: 'Eymoutiers', postcode: '87120' },
      footerText: 'Essai',
      watermark: 'PROJET',
      children: [
        ...title('Compte rendu', 'Réunion de coordination'),
        heading('Ordre du jour'),
        paragraph('Point 1: accueil'),
        heading('Présences', 2),
        table([{ header: 'Nom', width: 40 }, { header: 'Structure', width: 40 }, { header: 'Signature', width: 20 }], rows),
        signatures([{ role: 'La présidente', name: 'Anne Bernard' }, { role: 'Le secrétaire', name: 'Bruno Colas' }]),
      ],
    });
    const content = readDocx(await Packer.toBuffer(doc));
    expect(content.headings).toEqual([
      { level: 0, text: 'Compte rendu' },
      { level: 1, text: 'Ordre du jour' },
      { level: 2, text: 'Présences' },
    ]);
    expect(content.paragraphs).toContain(`Point 1${NBSP}: accueil`);
    expect(content.tables[0]).toHaveLength(81);
    expect(content.repeatedHeaderRows[0]).toBe(1);
    expect(content.footers.join('')).toMatch(/PAGE[\s\S]*NUMPAGES/);
    expect(content.headers.join('')).toContain('PROJET');
    expect(content.tables[1]![0]!.join(' ')).toContain('La présidente');
  });
});
