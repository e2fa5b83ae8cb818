import { Packer } from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocument, closing, formatSiret, paragraph, signatures, table } from '../../shared/documents/kit';
import { buildMinutes } from '../../shared/documents/meetings/minutes';
import { frenchTypography, NBSP } from '../../shared/documents/typography';
import { finalizeWarnings } from '../../shared/features/meetings/warnings';
import { translate } from '../../shared/i18n/index';
import { plain, readDocx } from '../helpers/docx';
import { seedNetwork } from '../helpers/meetings';
import { openTestApp, type TestApp } from '../helpers/store';

/**
 * The layout and the properties of every generated document, read back from the .docx: the
 * letterhead on the first page only, French as the language, title and author filled, non-breaking
 * spaces where French typography wants them, closing sentences and signatures kept with what
 * precedes them, a total row never alone.
 */

const letterhead = {
  name: 'Réseau des ressourceries du Limousin',
  address: '2 avenue Foch',
  postcode: '87120',
  city: 'Eymoutiers',
  email: 'contact@ressourceries-limousin.example',
  phone: '05 36 49 12 87',
  website: 'https://ressourceries-limousin.example',
  siret: '81204567800016',
  rna: 'W872004518',
};

const parts = async (doc: Parameters<typeof Packer.toBuffer>[0]) => {
  const bytes = new Uint8Array(await Packer.toBuffer(doc));
  const files = unzipSync(bytes);
  const part = (name: string) => (files[name] ? strFromU8(files[name]!) : '');
  return { content: readDocx(bytes), part, names: Object.keys(files) };
};

describe('the document kit', () => {
  it('prints the four-line letterhead on the first page only and a one-line running header after', async () => {
    const { part, content } = await parts(buildDocument({ title: 'Rapport d’activité 2025', letterhead, children: [paragraph('Texte.')] }));
    const document = content.xml;
    expect(document).toContain('<w:titlePg/>');
    expect(document).toMatch(/<w:headerReference w:type="first" r:id="[^"]+"\/>/);
    expect(document).toMatch(/<w:headerReference w:type="default" r:id="[^"]+"\/>/);
    const headers = content.headers.map((h) => plain(h.replace(/<[^>]+>/g, '')));
    const first = headers.find((h) => h.includes('SIRET'))!;
    const running = headers.find((h) => !h.includes('SIRET'))!;
    expect(first).toContain('SIRET 812 045 678 00016');
    expect(first).toContain('https://ressourceries-limousin.example');
    expect(running).toContain('Réseau des ressourceries du Limousin');
    expect(running).toContain('Rapport d’activité 2025');
    expect(running).not.toContain('avenue Foch');
    expect(part('word/styles.xml')).toMatch(/<w:lang w:val="fr-FR"\/>/);
  });

  it('fills the title, subject and author of the file', async () => {
    const { part } = await parts(buildDocument({ title: 'Attestation de mise à disposition', description: 'année 2025', letterhead, children: [paragraph('x')] }));
    const core = part('docProps/core.xml');
    expect(core).toContain('<dc:title>Attestation de mise à disposition</dc:title>');
    expect(core).toContain('<dc:creator>Réseau des ressourceries du Limousin</dc:creator>');
    expect(core).toContain('<cp:lastModifiedBy>Réseau des ressourceries du Limousin</cp:lastModifiedBy>');
    expect(core).not.toContain('Un-named');
  });

  it('keeps a closing sentence with the signatures, and the row before a total with the total', async () => {
    const { content } = await parts(
      buildDocument({
        title: 'Essai',
        letterhead,
        children: [
          table([{ header: 'Poste', width: 70 }, { header: 'Montant', width: 30, align: 'right' }], [['A', '1'], ['B', '2']], { totals: ['Total', '3'] }),
          closing('Fait à Eymoutiers, le 12 mars 2026.'),
          signatures([{ role: 'La présidente', name: 'Anne Brousse' }]),
        ],
      }),
    );
    const closingXml = /<w:p>(?:(?!<w:p>)[\s\S])*?Fait à Eymoutiers[\s\S]*?<\/w:p>/.exec(content.xml)![0];
    expect(closingXml).toContain('<w:keepNext/>');
    expect(closingXml).toContain('<w:keepLines/>');
    // The last body row ("B") keeps with the total row; every row refuses to split.
    const rows = [...content.xml.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
    const rowB = rows.find((r) => />B</.test(r))!;
    expect(rowB).toContain('<w:keepNext/>');
    expect(rows.filter((r) => !r.includes('La présidente')).every((r) => r.includes('<w:cantSplit/>'))).toBe(true);
  });
});

describe('French typography', () => {
  it.each([
    ['149 h sur 160 h prévues, 93 %', `149${NBSP}h sur 160${NBSP}h prévues, 93${NBSP}%`],
    ['2,1 ETP et 2 601,2 t', `2,1${NBSP}ETP et 2 601,2${NBSP}t`],
    ['Décision n° 2026-01', `Décision n°${NBSP}2026-01`],
    ['3 223 heures', `3 223${NBSP}heures`],
    ['un t-shirt à 5 tonnes', `un t-shirt à 5${NBSP}tonnes`],
  ])('%s', (input, expected) => {
    expect(frenchTypography(input)).toBe(expected);
  });

  it('groups a SIRET by SIREN and establishment', () => {
    expect(formatSiret('81204567800016')).toBe(`812${NBSP}045${NBSP}678${NBSP}00016`);
    expect(formatSiret('not a siret')).toBe('not a siret');
  });
});

describe('minutes', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await openTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('say when the meeting closed, write « Néant » for nobody, name the officers elected and keep the closing with the signatures', async () => {
    const net = await seedNetwork(app);
    const meeting = await app.call('meetings.create', { kind: 'board', title: 'CA d’installation', date: '2026-06-14', startTime: '14:00', endTime: '17:30', hostOrganisationId: net.organisations[0]!.id });
    const item = await app.call('meetings.addAgendaItem', { meetingId: meeting.id, title: 'Élection du bureau' });
    await app.call('meetings.addDecision', { agendaItemId: item.id, text: 'Le conseil d’administration élit le bureau.', voteMode: 'consensus' });
    const people = (await app.call('people.list', {})).items;
    await app.call('people.addOffice', { personId: people[0]!.id, office: 'president', startDate: '2026-06-14' });
    await app.call('people.addOffice', { personId: people[1]!.id, office: 'treasurer', startDate: '2026-06-14' });

    const content = readDocx(new Uint8Array(await Packer.toBuffer(buildMinutes(await app.call('meetings.minutesData', { id: meeting.id })))));
    const text = content.paragraphs.map(plain);
    expect(text).toContain('L’ordre du jour étant épuisé, la séance est levée à 17 h 30.');
    expect(text).toContain('Néant.');
    expect(text).not.toContain('Personne.');
    expect(text).toContain(`Sont élus : ${people[0]!.firstName} ${people[0]!.lastName} (président·e) et ${people[1]!.firstName} ${people[1]!.lastName} (trésorier·ère).`);
    expect(content.xml).toMatch(/<w:keepNext\/>(?:(?!<\/w:p>)[\s\S])*la séance est levée/);

    // Before finalising: nobody recorded as chair or secretary, then a chair who is not marked present.
    const data = await app.call('meetings.minutesData', { id: meeting.id });
    expect(finalizeWarnings(data.meeting, data.attendances).map((w) => w.key)).toEqual(['docs.finalize.chairMissing', 'docs.finalize.secretaryMissing']);
    const chair = people[0]!;
    const warnings = finalizeWarnings({ ...data.meeting, chairPersonId: chair.id, chairName: `${chair.firstName} ${chair.lastName}`, secretaryPersonId: people[1]!.id }, [
      { personId: chair.id, status: 'excused' },
      { personId: people[1]!.id, status: 'present' },
    ]);
    expect(warnings.map((w) => plain(translate('fr', w.key, w.params)))).toEqual([`${chair.firstName} ${chair.lastName}, à la présidence de séance, n’est pas noté·e présent·e dans les présences.`]);
  });
});
