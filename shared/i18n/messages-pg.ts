/** Messages of the PostgreSQL engine: opening a shared base, copying between engines, concurrent edits. */
export const pgFr = {
  'pg.error.badUrl': 'Adresse PostgreSQL illisible : {target}. Forme attendue : postgres://utilisateur@hôte:port/base',
  'pg.error.badSchema': 'Nom de schéma PostgreSQL refusé : « {schema} » (lettres minuscules, chiffres et _ seulement).',
  'pg.error.unreachable': 'La base PostgreSQL {target} ne répond pas : {detail}',
  'pg.error.sqliteOnly': 'Cette opération porte sur un fichier SQLite ; la base {target} est sur PostgreSQL (sauvegardez-la avec « export », restaurez avec « import --replace »).',
} as const;

export const pgEn: Record<keyof typeof pgFr, string> = {
  'pg.error.badUrl': 'Unreadable PostgreSQL address: {target}. Expected: postgres://user@host:port/base',
  'pg.error.badSchema': 'PostgreSQL schema name refused: “{schema}” (lower-case letters, digits and _ only).',
  'pg.error.unreachable': 'The PostgreSQL base {target} does not answer: {detail}',
  'pg.error.sqliteOnly': 'This operation works on a SQLite file; the base {target} is on PostgreSQL (back it up with “export”, restore with “import --replace”).',
};
