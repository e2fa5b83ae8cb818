import { Packer } from 'docx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildMinutes } from '../../shared/documents/meetings/minutes';
import { insertLiteral, parseMarkup, toggleBullets, toggleEmphasis } from '../../shared/features/meetings/markup';
import { plain, readDocx } from '../helpers/docx';
import { openTestApp, type TestApp } from '../helpers/store';

/** Selects `part` in `text` (its first occurrence) and applies a toolbar action. */
function select(text: string, part: string) {
  const start = text.indexOf(part);
  return [start, start + part.length] as const;
}

describe('the toolbar of the discussion field', () => {
  it('puts bold and italic around the selection, its spaces outside, and takes them off again', () => {
    const text = 'Le budget est voté à la majorité.';
    const [s, e] = select(text, 'voté ');
    const bold = toggleEmphasis(text, s, e, '**');
    expect(bold.text).toBe('Le budget est **voté** à la majorité.');
    expect(bold.text.slice(bold.start, bold.end)).toBe('voté');
    // The same button again, on the same selection: back to plain.
    expect(toggleEmphasis(bold.text, bold.start, bold.end, '**').text).toBe(text);
    const italic = toggleEmphasis(bold.text, ...select(bold.text, 'majorité'), '*');
    expect(italic.text).toBe('Le budget est **voté** à la *majorité*.');
    // Italic off a word that is bold and italic leaves it bold.
    const both = toggleEmphasis(bold.text, bold.start, bold.end, '*');
    expect(both.text).toBe('Le budget est ***voté*** à la majorité.');
    expect(toggleEmphasis(both.text, both.start, both.end, '*').text).toBe(bold.text);
  });

  it('with nothing selected, puts the pair of markers with the caret between them', () => {
    expect(toggleEmphasis('Vu ', 3, 3, '**')).toEqual({ text: 'Vu ****', start: 5, end: 5 });
  });

  it('marks a selection across lines line by line, and bullets lines on and off', () => {
    const text = 'Présents :\nles membres du bureau\nles salariés';
    const [s] = select(text, 'les membres');
    const list = toggleBullets(text, s, text.length);
    expect(list.text).toBe('Présents :\n- les membres du bureau\n- les salariés');
    expect(toggleBullets(list.text, list.start, list.end).text).toBe(text);
    const bold = toggleEmphasis(list.text, list.start, list.end, '**');
    expect(bold.text).toBe('Présents :\n- **les membres du bureau**\n- **les salariés**');
  });

  it('keeps an asterisk typed or pasted as an asterisk', () => {
    let edit = insertLiteral('', 0, 0, 'Vote 2*3 et 4');
    edit = insertLiteral(edit.text, edit.start, edit.end, '*');
    edit = insertLiteral(edit.text, edit.start, edit.end, '5 (C:\\)');
    expect(parseMarkup(edit.text)).toEqual([{ type: 'paragraph', lines: [[{ text: 'Vote 2*3 et 4*5 (C:\\)', bold: false, italic: false }]] }]);
    // A lone backslash already in the text cannot turn the typed asterisk into a marker.
    const after = insertLiteral('C:\\', 3, 3, '*x*');
    expect(parseMarkup(after.text)).toEqual([{ type: 'paragraph', lines: [[{ text: 'C:\\*x*', bold: false, italic: false }]] }]);
  });
});

describe('the minutes of a discussion written with the toolbar', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await openTestApp();
  });
  afterEach(async () => {
    await app.close();
  });

  it('prints real bold, italic and bullets in the .docx, and the typed asterisks as asterisks', async () => {
    let text = insertLiteral('', 0, 0, 'Le budget 2026 est voté. Note : 3*4 = 12 et 5*6 = 30.\nles adhérents\nles partenaires').text;
    text = toggleEmphasis(text, ...select(text, 'voté'), '**').text;
    text = toggleEmphasis(text, ...select(text, '2026'), '*').text;
    const lines = select(text, 'les adhérents');
    text = toggleBullets(text, lines[0], text.length).text;

    const meeting = await app.call('meetings.create', { kind: 'coordination', title: 'Coordination de juin', date: '2026-06-14' });
    const item = await app.call('meetings.addAgendaItem', { meetingId: meeting.id, title: 'Budget', presenterPersonId: null, plannedMinutes: null });
    await app.call('meetings.saveDiscussion', { id: item.id, discussion: text });
    const doc = readDocx(await Packer.toBuffer(buildMinutes(await app.call('meetings.minutesData', { id: meeting.id }))));

    const runs = [...doc.xml.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map((m) => ({
      bold: /<w:b\/>/.test(m[1]!),
      italic: /<w:i\/>/.test(m[1]!),
      text: plain([...m[1]!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')),
    }));
    expect(runs).toContainEqual({ bold: true, italic: false, text: 'voté' });
    expect(runs).toContainEqual({ bold: false, italic: true, text: '2026' });
    expect(runs.find((r) => r.text.includes('3*4'))).toEqual({ bold: false, italic: false, text: '. Note : 3*4 = 12 et 5*6 = 30.' });
    expect(doc.paragraphs).toContain('les adhérents');
    const bullet = [...doc.xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => m[0]).find((p) => p.includes('les partenaires'))!;
    expect(bullet).toMatch(/<w:numPr>/);
    expect(doc.xml).not.toContain('\\*');
  });
});
