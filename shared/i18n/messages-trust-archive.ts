/** Messages of the erasure register and of the checks an archive must pass (trust the data, items 2 and 4). */
export const trustArchiveFr = {
  'archive.table.erasures': 'registre des effacements RGPD',
  'data.check.settingNotObject': 'Réglage « {setting} » : la valeur n’est pas un objet JSON.',
  'data.check.badSetting': 'Réglage « {setting} » : le champ « {field} » n’a pas une valeur valide.',
  'data.erase.reapplied':
    '{count, plural, one {# effacement RGPD ré-appliqué : une personne effacée depuis la date de ces données était revenue, elle est de nouveau anonymisée.} other {# effacements RGPD ré-appliqués : des personnes effacées depuis la date de ces données étaient revenues, elles sont de nouveau anonymisées.}}',
};

export const trustArchiveEn: Record<keyof typeof trustArchiveFr, string> = {
  'archive.table.erasures': 'register of GDPR erasures',
  'data.check.settingNotObject': 'Setting “{setting}”: the value is not a JSON object.',
  'data.check.badSetting': 'Setting “{setting}”: the field “{field}” has an invalid value.',
  'data.erase.reapplied': '{count, plural, one {# GDPR erasure applied again: a person erased since the date of these data had come back, they are anonymised again.} other {# GDPR erasures applied again: people erased since the date of these data had come back, they are anonymised again.}}',
};
