import type { MessageKey } from '../../shared/i18n/index';

/** A key as shown: a catalogue key for named keys, or the character itself. */
export type Key = { name: MessageKey } | { char: string };

export interface Shortcut {
  where: MessageKey;
  /** Alternatives, each a chord of keys pressed together. */
  chords: Key[][];
  what: MessageKey;
}

const ctrl: Key = { name: 'shortcuts.key.ctrl' };
const cmd: Key = { name: 'shortcuts.key.cmd' };
const alt: Key = { name: 'shortcuts.key.alt' };
const shift: Key = { name: 'shortcuts.key.shift' };
const enter: Key = { name: 'shortcuts.key.enter' };
const escape: Key = { name: 'shortcuts.key.escape' };
const c = (char: string): Key => ({ char });

/**
 * Every keyboard shortcut of the app, in one list: the `?` dialog shows it, and a page that adds a
 * shortcut adds it here.
 */
export const SHORTCUTS: Shortcut[] = [
  { where: 'shortcuts.everywhere', chords: [[ctrl, c('K')], [cmd, c('K')]], what: 'shortcuts.search' },
  { where: 'shortcuts.everywhere', chords: [[c('?')]], what: 'shortcuts.help' },
  { where: 'shortcuts.everywhere', chords: [[escape]], what: 'shortcuts.close' },
  { where: 'shortcuts.inSearch', chords: [[c('↑')], [c('↓')]], what: 'shortcuts.searchMove' },
  { where: 'shortcuts.inSearch', chords: [[enter]], what: 'shortcuts.searchOpen' },
  { where: 'shortcuts.inMeeting', chords: [[c('←')], [c('→')]], what: 'shortcuts.tabs' },
  { where: 'shortcuts.inMeeting', chords: [[alt, c('↑')], [alt, c('↓')]], what: 'shortcuts.agendaMove' },
  { where: 'shortcuts.inGrid', chords: [[c('←')], [c('→')], [c('↑')], [c('↓')]], what: 'shortcuts.gridMove' },
  { where: 'shortcuts.inGrid', chords: [[enter], [shift, enter]], what: 'shortcuts.gridDown' },
  { where: 'shortcuts.inGrid', chords: [[escape]], what: 'shortcuts.gridUndo' },
];

/** Ctrl+K, or Cmd+K on a Mac. */
export function isSearchShortcut(e: KeyboardEvent): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k';
}

/** `?` where it is not text being typed. */
export function isHelpShortcut(e: KeyboardEvent): boolean {
  if (e.key !== '?' || e.ctrlKey || e.metaKey || e.altKey) return false;
  const target = e.target as HTMLElement | null;
  if (!target) return true;
  return !(target.isContentEditable || target.closest('input, textarea, select, [contenteditable="true"]'));
}
