/** Non-breaking space (before a colon) and narrow non-breaking space (before ; ! ? and inside « »). */
export const NBSP = '\u00A0';
export const NNBSP = '\u202F';

/**
 * French typography for text typed with an English keyboard: « guillemets », typographic
 * apostrophes, and the non-breaking spaces before : ; ! ? — leaving times (10:30) and URLs alone.
 */
export function frenchTypography(input: string): string {
  let open = true;
  return input
    .replace(/'/g, '’')
    .replace(/"/g, () => {
      const mark = open ? '«' : '»';
      open = !open;
      return mark;
    })
    .replace(/«\s*/g, `«${NNBSP}`)
    .replace(/\s*»/g, `${NNBSP}»`)
    .replace(/(\S)[ \u00A0\u202F]*([;!?])(?=\s|$|»|\))/gu, `$1${NNBSP}$2`)
    .replace(/(\S)[ \u00A0\u202F]*:(?=\s|$)/gu, `$1${NBSP}:`);
}
