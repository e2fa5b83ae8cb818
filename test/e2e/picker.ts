import { expect, type Locator } from '@playwright/test';

/**
 * Chooses in a searchable picker (RecordPicker) the way a secretary does: types part of the
 * name, waits for the choice, and takes it with the keyboard (arrows to it, Enter).
 */
export async function pick(combobox: Locator, typed: string, option: string | RegExp = typed): Promise<void> {
  await combobox.click();
  await combobox.fill(typed);
  const list = combobox.page().locator(`[id="${await combobox.getAttribute('aria-controls')}"]`);
  // The list says it is busy while the search it shows is not yet the one typed.
  await expect(list).toHaveAttribute('aria-busy', 'false');
  const options = list.getByRole('option');
  const wanted = options.filter({ hasText: option });
  await expect(wanted.first()).toBeVisible();
  const all = await options.allTextContents();
  const target = await wanted.first().textContent();
  const index = all.indexOf(target ?? '');
  for (let i = 0; i < index; i++) await combobox.press('ArrowDown');
  await expect(wanted.first()).toHaveAttribute('aria-selected', 'true');
  await combobox.press('Enter');
  await expect(combobox).toHaveAttribute('aria-expanded', 'false');
}
