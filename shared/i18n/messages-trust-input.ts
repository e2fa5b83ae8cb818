/** Messages of the input checks: durations read from spreadsheets, text characters, numbers, far dates. */
export const trustInputFr = {
  'data.import.reading.hours': 'Colonne « {column} » : un nombre seul y est lu en heures.',
  'data.import.reading.minutes': 'Colonne « {column} » : un nombre seul y est lu en minutes.',
  'data.import.reading.asTyped': 'Colonne « {column} » : un nombre seul y est lu comme dans la saisie, en heures jusqu’à 12, en minutes au-delà (écrivez « 13 h » pour 13 heures, ou titrez la colonne « Heures »).',
  'data.import.reading.line': 'Ligne {line} : « {value} » lu {read}.',
  'data.import.reading.more': '… et {count, plural, one {# autre durée} other {# autres durées}}.',
  'data.ui.readings': 'Durées lues',
  'data.import.headerTwice': 'Deux colonnes portent le même titre « {title} » (colonnes {first} et {second}) : renommez l’une d’elles.',
  'data.import.badEncoding': 'Le fichier {file} se déclare en {encoding} mais contient des octets invalides (octet n° {offset}) : réenregistrez-le en « CSV UTF-8 ».',
  'data.import.farFuture': 'Date à plus d’un an ({date}) : une saisie de temps si loin dans l’avenir est sans doute une faute de frappe.',

  'error.text.control': 'Ce texte contient un caractère de contrôle invisible : retirez-le.',
  'error.text.lineBreak': 'Ce champ tient sur une ligne : retirez le retour à la ligne ou la tabulation.',
  'error.text.bidi': 'Ce texte contient un caractère qui inverse le sens de l’écriture (U+202A–U+202E, U+2066–U+2069) : retirez-le.',
  'error.text.surrogate': 'Ce texte contient un caractère mal encodé (une moitié de caractère Unicode) : retapez-le.',
  'error.text.invisible': 'Ce texte ne contient que des caractères invisibles : il est vide.',
  'error.id': 'Identifiant invalide : doit être un entier positif.',
  'error.numberTooSmall': 'Ce nombre est trop petit.',
  'error.numberTooBig': 'Ce nombre est trop grand.',

  'error.time.farFuture': 'Le {date} est à plus d’un an : cochez « Date lointaine voulue » pour l’enregistrer quand même.',
  'time.ui.confirmFarFuture': 'Date lointaine voulue (plus d’un an dans l’avenir)',
} as const;

export const trustInputEn: Record<keyof typeof trustInputFr, string> = {
  'data.import.reading.hours': 'Column “{column}”: a bare number is read as hours.',
  'data.import.reading.minutes': 'Column “{column}”: a bare number is read as minutes.',
  'data.import.reading.asTyped': 'Column “{column}”: a bare number is read as in the entry form, hours up to 12, minutes above (write “13 h” for 13 hours, or title the column “Hours”).',
  'data.import.reading.line': 'Line {line}: “{value}” read as {read}.',
  'data.import.reading.more': '… and {count, plural, one {# other duration} other {# other durations}}.',
  'data.ui.readings': 'Durations read',
  'data.import.headerTwice': 'Two columns have the same title “{title}” (columns {first} and {second}): rename one of them.',
  'data.import.badEncoding': 'The file {file} says it is {encoding} but holds invalid bytes (byte {offset}): save it again as “CSV UTF-8”.',
  'data.import.farFuture': 'Date more than a year ahead ({date}): a time entry that far in the future is most likely a typo.',

  'error.text.control': 'This text holds an invisible control character: remove it.',
  'error.text.lineBreak': 'This field is one line: remove the line break or tab.',
  'error.text.bidi': 'This text holds a character that reverses the writing direction (U+202A–U+202E, U+2066–U+2069): remove it.',
  'error.text.surrogate': 'This text holds a badly encoded character (half of a Unicode character): type it again.',
  'error.text.invisible': 'This text holds only invisible characters: it is empty.',
  'error.id': 'Invalid identifier: must be a positive whole number.',
  'error.numberTooSmall': 'This number is too small.',
  'error.numberTooBig': 'This number is too large.',

  'error.time.farFuture': '{date} is more than a year ahead: tick “Far date intended” to save it anyway.',
  'time.ui.confirmFarFuture': 'Far date intended (more than a year ahead)',
};
