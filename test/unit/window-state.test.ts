import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_WINDOW_SIZE,
  MIN_WINDOW_SIZE,
  loadWindowState,
  parseWindowState,
  resolveWindowState,
  saveWindowState,
  type Rect,
} from '../../electron/window-state';

const laptop: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
const rightMonitor: Rect = { x: 1920, y: 0, width: 2560, height: 1400 };
const smallScreen: Rect = { x: 0, y: 0, width: 1024, height: 600 };

describe('resolveWindowState', () => {
  it('opens a first window at the default size, centred on the primary display', () => {
    expect(resolveWindowState(null, [laptop], laptop)).toEqual({
      x: (1920 - DEFAULT_WINDOW_SIZE.width) / 2,
      y: (1040 - DEFAULT_WINDOW_SIZE.height) / 2,
      ...DEFAULT_WINDOW_SIZE,
      isMaximized: false,
    });
  });

  it('keeps the default size within a small screen', () => {
    expect(resolveWindowState(null, [smallScreen], smallScreen)).toEqual({ x: 0, y: 0, width: 1024, height: 600, isMaximized: false });
  });

  it('restores a saved state that fits', () => {
    const saved = { x: 2100, y: 80, width: 1400, height: 900, isMaximized: true };
    expect(resolveWindowState(saved, [laptop, rightMonitor], laptop)).toEqual(saved);
  });

  it('moves a window half off-screen back inside the display it mostly covers', () => {
    const saved = { x: 1200, y: -200, width: 1000, height: 700, isMaximized: false };
    expect(resolveWindowState(saved, [laptop, rightMonitor], laptop)).toEqual({ x: 920, y: 0, width: 1000, height: 700, isMaximized: false });
  });

  it('shrinks a window larger than its display', () => {
    const saved = { x: 100, y: 100, width: 3000, height: 2000, isMaximized: false };
    expect(resolveWindowState(saved, [laptop], laptop)).toEqual({ x: 0, y: 0, width: 1920, height: 1040, isMaximized: false });
  });

  it('brings a window from an unplugged monitor back to the primary display, centred', () => {
    const saved = { x: 2200, y: 100, width: 1200, height: 800, isMaximized: true };
    expect(resolveWindowState(saved, [laptop], laptop)).toEqual({ x: 360, y: 120, width: 1200, height: 800, isMaximized: true });
  });

  it('never goes below the minimum size, unless the display itself is smaller', () => {
    const tiny = { x: 10, y: 10, width: 100, height: 50, isMaximized: false };
    expect(resolveWindowState(tiny, [laptop], laptop)).toMatchObject({ width: MIN_WINDOW_SIZE.width, height: MIN_WINDOW_SIZE.height });
    const oldNetbook: Rect = { x: 0, y: 0, width: 640, height: 480 };
    expect(resolveWindowState(tiny, [oldNetbook], oldNetbook)).toMatchObject({ x: 0, y: 0, width: 640, height: 480 });
  });

  it('handles displays at negative coordinates (monitor left of the primary)', () => {
    const left: Rect = { x: -1280, y: 0, width: 1280, height: 1024 };
    const saved = { x: -1300, y: 50, width: 900, height: 700, isMaximized: false };
    expect(resolveWindowState(saved, [laptop, left], laptop)).toEqual({ x: -1280, y: 50, width: 900, height: 700, isMaximized: false });
  });
});

describe('parseWindowState', () => {
  it('accepts a well-formed state and rounds it', () => {
    expect(parseWindowState({ x: 10.4, y: 20.6, width: 1000, height: 700, isMaximized: true })).toEqual({
      x: 10,
      y: 21,
      width: 1000,
      height: 700,
      isMaximized: true,
    });
    expect(parseWindowState({ x: 0, y: 0, width: 900, height: 600 })).toMatchObject({ isMaximized: false });
  });

  it.each([null, 'x', 42, [], {}, { x: 0, y: 0, width: 0, height: 600 }, { x: 0, y: 0, width: 900, height: -1 }, { x: '0', y: 0, width: 900, height: 600 }, { x: Number.NaN, y: 0, width: 900, height: 600 }, { x: 0, y: Number.POSITIVE_INFINITY, width: 900, height: 600 }])(
    'refuses %j',
    (raw) => expect(parseWindowState(raw)).toBeNull(),
  );
});

describe('loadWindowState / saveWindowState', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maillage-window-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips through the JSON file, creating its folder', () => {
    const file = path.join(tempDir(), 'profil', 'window-state.json');
    const state = { x: 12, y: 34, width: 1100, height: 750, isMaximized: false };
    saveWindowState(file, state);
    expect(loadWindowState(file)).toEqual(state);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['window-state.json']);
  });

  it('ignores a missing, truncated or malformed file', () => {
    const dir = tempDir();
    expect(loadWindowState(path.join(dir, 'absent.json'))).toBeNull();
    fs.writeFileSync(path.join(dir, 'truncated.json'), '{"x": 12, "y": 3');
    expect(loadWindowState(path.join(dir, 'truncated.json'))).toBeNull();
    fs.writeFileSync(path.join(dir, 'wrong.json'), '{"width": "large"}');
    expect(loadWindowState(path.join(dir, 'wrong.json'))).toBeNull();
  });
});
