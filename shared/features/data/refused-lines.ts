import type { ImportIssue } from './schemas';

export interface RefusedLines {
  headers: string[];
  rows: { line: number; cells: string[] }[];
  issues: ImportIssue[];
}

function csvCell(text: string): string {
  return /[;"\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The lines an import left out, as a CSV that French Excel opens as it is (UTF-8 with its mark, « ; »,
 * CRLF): the file's own columns, then one last column with the line's errors, to fix and import again.
 */
export function refusedLinesCsv(refused: RefusedLines, errorsTitle: string, describe: (issue: ImportIssue) => string): string {
  const byLine = new Map<number, string[]>();
  for (const issue of refused.issues) byLine.set(issue.line, [...(byLine.get(issue.line) ?? []), describe(issue)]);
  const lines = [
    [...refused.headers, errorsTitle],
    ...refused.rows.map((row) => [...row.cells, (byLine.get(row.line) ?? []).join(' ; ')]),
  ];
  return `\uFEFF${lines.map((cells) => cells.map(csvCell).join(';')).join('\r\n')}\r\n`;
}

/** `structures.csv` → `structures-lignes-refusees.csv`. */
export function refusedFileName(fileName: string, suffix: string): string {
  return `${fileName.replace(/\.[^.]+$/, '')}-${suffix}.csv`;
}
