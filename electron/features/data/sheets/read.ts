import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../../shared/api/errors';
import { MAX_IMPORT_BYTES } from '../../../../shared/features/data/schemas';
import { detectSeparator, parseCsv } from './csv';
import { decodeText } from './encoding';
import { fillMerges, readXlsx, type Cell } from './xlsx';

export interface Spreadsheet {
  format: 'csv' | 'xlsx';
  encoding: string | null;
  separator: string | null;
  /** Index 0 = line 1 of the file. Merged cells are filled with their top-left value. */
  rows: Cell[][];
}

export function megabytes(bytes: number): string {
  return `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)} Mo`;
}

function tooLarge(size: number): AppError {
  return new AppError('VALIDATION', 'data.import.tooLarge', { size: megabytes(size), limit: megabytes(MAX_IMPORT_BYTES) });
}

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** A spreadsheet from its bytes: XLSX by its zip signature, CSV/TSV text otherwise. */
export function parseSpreadsheet(bytes: Uint8Array, fileName: string): Spreadsheet {
  if (bytes.length > MAX_IMPORT_BYTES) throw tooLarge(bytes.length);
  const ext = path.extname(fileName).toLowerCase();
  if (isZip(bytes)) {
    if (ext !== '' && ext !== '.xlsx' && ext !== '.xlsm') throw new AppError('VALIDATION', 'data.import.unsupported', { file: path.basename(fileName) });
    const sheet = readXlsx(bytes);
    return { format: 'xlsx', encoding: null, separator: null, rows: fillMerges(sheet) };
  }
  if (ext === '.xls' || ext === '.ods' || ext === '.xlsx') throw new AppError('VALIDATION', 'data.import.unsupported', { file: path.basename(fileName) });
  if (bytes.length === 0) throw new AppError('VALIDATION', 'data.import.empty', { file: path.basename(fileName) });
  let decoded: ReturnType<typeof decodeText>;
  try {
    decoded = decodeText(bytes);
  } catch (error) {
    if (error instanceof AppError && error.key === 'data.import.badEncoding') throw new AppError('VALIDATION', error.key, { ...error.params, file: path.basename(fileName) });
    throw error;
  }
  const { text, encoding } = decoded;
  const separator = detectSeparator(text);
  return { format: 'csv', encoding, separator, rows: parseCsv(text, separator) };
}

/**
 * Reads a spreadsheet file from the disk, its size checked first: a file over the limit is
 * refused before a single byte of it is read.
 */
export function readSpreadsheetFile(file: string): Spreadsheet {
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw new Error('not a file');
    size = stat.size;
  } catch {
    throw new AppError('NOT_FOUND', 'data.import.fileNotFound', { file });
  }
  if (size > MAX_IMPORT_BYTES) throw tooLarge(size);
  const fd = fs.openSync(file, 'r');
  try {
    // Read at most one byte beyond the limit: a file that grew since the stat is still caught.
    const buffer = Buffer.alloc(Math.min(size, MAX_IMPORT_BYTES) + 1);
    let read = 0;
    for (;;) {
      const n = fs.readSync(fd, buffer, read, buffer.length - read, read);
      if (n === 0) break;
      read += n;
      if (read >= buffer.length) break;
    }
    if (read > MAX_IMPORT_BYTES) throw tooLarge(read);
    return parseSpreadsheet(buffer.subarray(0, read), file);
  } finally {
    fs.closeSync(fd);
  }
}

/** The base64 text sent by the UI, measured before being decoded. */
export function decodeBase64File(base64: string): Uint8Array {
  const size = Math.floor((base64.length * 3) / 4);
  if (size > MAX_IMPORT_BYTES + 2) throw tooLarge(size);
  return Buffer.from(base64, 'base64');
}
