import { AlignmentType, Paragraph } from 'docx';
import { text } from '../kit';

/** The member organisation's address block, right-aligned as on a letter. */
export function addressBlock(o: { name: string; address: string | null; postcode: string | null; city: string | null }): Paragraph[] {
  const lines = [o.name, o.address, [o.postcode, o.city].filter(Boolean).join(' ')].filter((l): l is string => Boolean(l));
  return lines.map((l, i) => new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { after: i === lines.length - 1 ? 240 : 0 }, children: [text(l, { bold: i === 0 })] }));
}

export function slug(value: string): string {
  return (
    value
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase()
      .slice(0, 50) || 'structure'
  );
}
