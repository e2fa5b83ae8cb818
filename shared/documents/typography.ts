/** Non-breaking space (before a colon) and narrow non-breaking space (before ; ! ? and inside « »). */
export const NBSP = '\u00A0';
export const NNBSP = '\u202F';

/**
 * French typography for text typed with an English keyboard: « guillemets », typographic
 * apostrophes, and the non-breaking spaces before : ; ! ? — leaving times (10:30) and URLs alone —,
 * between a number and its unit (12 %, 149 h, 2,5 t, 2,1 ETP, 60 000 €) and after n°, so that
 * neither is left alone at the start of a line.
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
    .replace(/(\S)[ \u00A0\u202F]*:(?=\s|$)/gu, `$1${NBSP}:`)
    .replace(/(\d) (%|h|t|kg|ETP|€|heures?|tonnes?)(?=$|[\s.,;:!?)»\u00A0\u202F])/gu, `$1${NBSP}$2`)
    .replace(/\b([nN]°) ?(?=\d)/gu, `$1${NBSP}`);
}
