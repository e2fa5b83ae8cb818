import fs from 'node:fs';
import path from 'node:path';

/**
 * Where the main window was and how big it was, remembered between runs. Pure logic plus a
 * small JSON file, so that it is tested without Electron. All sizes are in DIP, as Electron's
 * `screen` work areas and window bounds are.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState extends Rect {
  isMaximized: boolean;
}

export const WINDOW_STATE_FILE_NAME = 'window-state.json';
export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 820 } as const;
export const MIN_WINDOW_SIZE = { width: 800, height: 560 } as const;

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Accepts only a well-formed state; anything else (hand-edited, truncated, older format) is ignored. */
export function parseWindowState(raw: unknown): WindowState | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { x, y, width, height, isMaximized } = raw as Record<string, unknown>;
  if (!isFiniteNumber(x) || !isFiniteNumber(y) || !isFiniteNumber(width) || !isFiniteNumber(height)) return null;
  if (width <= 0 || height <= 0) return null;
  return {
    x: Math.round(x),
    y: Math.round(y),
    width: Math.round(width),
    height: Math.round(height),
    isMaximized: isMaximized === true,
  };
}

function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

function centredIn(area: Rect, width: number, height: number): Rect {
  return {
    x: area.x + Math.round((area.width - width) / 2),
    y: area.y + Math.round((area.height - height) / 2),
    width,
    height,
  };
}

/**
 * The bounds to open the window with. A saved state is kept on the display it overlaps most,
 * shrunk and moved so that it fits entirely in that display's work area; a window saved on a
 * display that has since gone (unplugged monitor) comes back centred on the primary display.
 *
 * @param workAreas work areas of every connected display
 * @param primary work area of the primary display
 */
export function resolveWindowState(saved: WindowState | null, workAreas: readonly Rect[], primary: Rect): WindowState {
  if (saved) {
    let best: Rect | null = null;
    let bestArea = 0;
    for (const area of workAreas) {
      const overlap = overlapArea(saved, area);
      if (overlap > bestArea) {
        best = area;
        bestArea = overlap;
      }
    }
    const area = best ?? primary;
    const width = clamp(saved.width, Math.min(MIN_WINDOW_SIZE.width, area.width), area.width);
    const height = clamp(saved.height, Math.min(MIN_WINDOW_SIZE.height, area.height), area.height);
    if (!best) return { ...centredIn(area, width, height), isMaximized: saved.isMaximized };
    return {
      x: clamp(saved.x, area.x, area.x + area.width - width),
      y: clamp(saved.y, area.y, area.y + area.height - height),
      width,
      height,
      isMaximized: saved.isMaximized,
    };
  }
  const width = Math.min(DEFAULT_WINDOW_SIZE.width, primary.width);
  const height = Math.min(DEFAULT_WINDOW_SIZE.height, primary.height);
  return { ...centredIn(primary, width, height), isMaximized: false };
}

export function loadWindowState(file: string): WindowState | null {
  try {
    return parseWindowState(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch {
    return null;
  }
}

/** Written through a temporary file and a rename, so a crash mid-write never leaves half a file. */
export function saveWindowState(file: string, state: WindowState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`);
  fs.renameSync(temporary, file);
}
