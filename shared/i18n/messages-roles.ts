/** Messages of the roles: what a server account may not do (shared/api/access.ts). */
export const rolesFr = {
  'role.secretariat': 'secrétariat',
  'role.coordination': 'coordination',
  'role.structure': 'structure',
  'role.lecture': 'lecture',
  'error.access.role': 'Votre rôle ({role}) ne permet pas cette opération ({method}).',
  'error.access.record': 'Votre rôle ({role}) ne permet pas d’accéder aux données d’une autre structure ({field}).',
  'error.access.noOrganisation': 'Votre rôle (structure) ne permet rien tant que votre compte n’est rattaché à aucune structure : demandez-le au secrétariat.',
  'error.access.personal': 'Votre rôle ({role}) ne permet pas d’obtenir des données personnelles au-delà des noms (courriel, téléphone, adresse).',
};

export const rolesEn: Record<keyof typeof rolesFr, string> = {
  'role.secretariat': 'secretariat',
  'role.coordination': 'coordination',
  'role.structure': 'member organisation',
  'role.lecture': 'read-only',
  'error.access.role': 'Your role ({role}) does not allow this operation ({method}).',
  'error.access.record': 'Your role ({role}) does not allow access to another organisation’s data ({field}).',
  'error.access.noOrganisation': 'Your role (member organisation) allows nothing until your account is tied to an organisation: ask the secretariat.',
  'error.access.personal': 'Your role ({role}) does not allow personal data beyond names (e-mail, phone, address).',
};
