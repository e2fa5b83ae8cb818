/** Messages of the searchable picker, the discussion toolbar and the backup folder. */
export const ui11Fr = {
  'picker.typeToSearch': 'Tapez pour chercher…',
  'picker.choices': 'Choix possibles',
  'picker.noResult': 'Aucun résultat',
  'picker.more': '{count, plural, one {# autre : précisez la recherche} other {# autres : précisez la recherche}}',
} as const;

export const ui11En: Record<keyof typeof ui11Fr, string> = {
  'picker.typeToSearch': 'Type to search…',
  'picker.choices': 'Choices',
  'picker.noResult': 'No result',
  'picker.more': '{count, plural, one {# more: refine the search} other {# more: refine the search}}',
};
