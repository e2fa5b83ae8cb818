/** Messages of the PostgreSQL engine: opening a shared base, copying between engines, concurrent edits. */
export const pgFr = {
  'pg.error.badUrl': 'Adresse PostgreSQL illisible : {target}. Forme attendue : postgres://utilisateur@hôte:port/base',
  'pg.error.badSchema': 'Nom de schéma PostgreSQL refusé : « {schema} » (lettres minuscules, chiffres et _ seulement).',
  'pg.error.unreachable': 'La base PostgreSQL {target} ne répond pas : {detail}',
  'pg.cli.copy.summary': 'Copier toute une base vers une autre (SQLite ↔ PostgreSQL)',
  'pg.cli.copy.description':
    'Copie chaque enregistrement de la base --from dans la base --to, en une seule transaction. La base cible doit être vide et au même schéma ; elle est créée si besoin (fichier SQLite ou schéma PostgreSQL).',
  'pg.cli.copy.from': 'base source : fichier SQLite ou adresse postgres://',
  'pg.cli.copy.to': 'base cible : fichier SQLite ou adresse postgres://',
  'pg.cli.copy.missing': 'Option {option} manquante : indiquez un fichier SQLite ou une adresse postgres://',
  'pg.cli.copy.same': 'La source et la cible sont la même base : {target}',
  'pg.cli.copy.schemaDiffers': 'La base source est au schéma {from} et la cible au schéma {to} : mettez-les à la même version avant de copier.',
  'pg.cli.copy.notEmpty': 'La base cible {target} n’est pas vide ({count} enregistrements) : rien n’a été copié.',
  'pg.cli.copy.done': '{rows} enregistrements copiés de {from} vers {to}.',
  'pg.cli.init.migrated': 'Base {target} mise à jour du schéma {from} au schéma {schema}.',
  'pg.error.modifiedMeanwhile': 'Enregistrement modifié entre-temps par {by} à {at} : rechargez-le pour voir ses nouvelles valeurs, puis refaites votre modification.',
  'pg.ui.reload': 'Recharger la fiche',
  'pg.error.sqliteOnly': 'Cette opération porte sur un fichier SQLite ; la base {target} est sur PostgreSQL (sauvegardez-la avec « export », restaurez avec « import --replace »).',
} as const;

export const pgEn: Record<keyof typeof pgFr, string> = {
  'pg.error.badUrl': 'Unreadable PostgreSQL address: {target}. Expected: postgres://user@host:port/base',
  'pg.error.badSchema': 'PostgreSQL schema name refused: “{schema}” (lower-case letters, digits and _ only).',
  'pg.error.unreachable': 'The PostgreSQL base {target} does not answer: {detail}',
  'pg.cli.copy.summary': 'Copy a whole base into another (SQLite ↔ PostgreSQL)',
  'pg.cli.copy.description':
    'Copies every record of the --from base into the --to base, in one transaction. The target must be empty and at the same schema; it is created if needed (SQLite file or PostgreSQL schema).',
  'pg.cli.copy.from': 'source base: SQLite file or postgres:// address',
  'pg.cli.copy.to': 'target base: SQLite file or postgres:// address',
  'pg.cli.copy.missing': 'Option {option} missing: give a SQLite file or a postgres:// address',
  'pg.cli.copy.same': 'Source and target are the same base: {target}',
  'pg.cli.copy.schemaDiffers': 'The source base is at schema {from} and the target at schema {to}: bring them to the same version before copying.',
  'pg.cli.copy.notEmpty': 'The target base {target} is not empty ({count} records): nothing was copied.',
  'pg.cli.copy.done': '{rows} records copied from {from} to {to}.',
  'pg.cli.init.migrated': 'Base {target} updated from schema {from} to schema {schema}.',
  'pg.error.modifiedMeanwhile': 'Record changed meanwhile by {by} at {at}: reload it to see its new values, then make your change again.',
  'pg.ui.reload': 'Reload the record',
  'pg.error.sqliteOnly': 'This operation works on a SQLite file; the base {target} is on PostgreSQL (back it up with “export”, restore with “import --replace”).',
};
