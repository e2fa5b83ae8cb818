/** Messages of the searchable picker, the discussion toolbar and the backup folder. */
export const ui11Fr = {
  'picker.typeToSearch': 'Tapez pour chercher…',
  'picker.choices': 'Choix possibles',
  'picker.noResult': 'Aucun résultat',
  'picker.more': '{count, plural, one {# autre : précisez la recherche} other {# autres : précisez la recherche}}',
  'discussion.toolbar': 'Mise en forme de « {title} »',
  'discussion.bold': 'Gras',
  'discussion.boldTitle': 'Gras (Ctrl+B)',
  'discussion.italic': 'Italique',
  'discussion.italicTitle': 'Italique (Ctrl+I)',
  'discussion.bullets': 'Liste à puces',
  'discussion.hint': 'Sélectionnez des mots puis Gras (Ctrl+B), Italique (Ctrl+I) ou Liste à puces ; une ligne vide sépare les paragraphes. « Aperçu » montre le texte tel qu’il sera imprimé.',
} as const;

export const ui11En: Record<keyof typeof ui11Fr, string> = {
  'picker.typeToSearch': 'Type to search…',
  'picker.choices': 'Choices',
  'picker.noResult': 'No result',
  'picker.more': '{count, plural, one {# more: refine the search} other {# more: refine the search}}',
  'discussion.toolbar': 'Formatting of “{title}”',
  'discussion.bold': 'Bold',
  'discussion.boldTitle': 'Bold (Ctrl+B)',
  'discussion.italic': 'Italic',
  'discussion.italicTitle': 'Italic (Ctrl+I)',
  'discussion.bullets': 'Bulleted list',
  'discussion.hint': 'Select words, then Bold (Ctrl+B), Italic (Ctrl+I) or Bulleted list; a blank line separates paragraphs. “Preview” shows the text as it will be printed.',
};
