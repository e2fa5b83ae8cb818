/** Messages of the store's locking: several processes on one database (see electron/store/sqlite-lock.ts). */
export const trustStoreFr = {
  'store.busy': 'La base est occupée par un autre programme (une importation, une autre fenêtre de Maillage) : réessayez dans un instant. Rien n’a été enregistré.',
  'store.replaced': 'La base « {file} » a été remplacée par un autre programme ; relancez Maillage. Rien n’a été enregistré.',
  'store.beingReplaced': 'La base « {file} » est en cours de remplacement ou de mise à jour par un autre programme : réessayez dans un instant.',
  'store.closed': 'La base « {file} » est fermée.',
  'store.inUse.restore':
    'Restauration impossible : la base {file} est ouverte par un autre programme (Maillage, le mode web ou une commande en cours). Fermez-le, puis recommencez : rien n’a été modifié.',
  'store.inUse.replace':
    'Remplacement des données impossible : la base {file} est ouverte par un autre programme (Maillage, le mode web ou une commande en cours). Fermez-le, puis recommencez : rien n’a été modifié.',
  'store.inUse.migrate':
    'La base {file} doit être mise à jour pour cette version de Maillage, mais elle est ouverte par un autre programme (une autre version de Maillage, le mode web ou une commande en cours). Fermez-le, puis relancez : rien n’a été modifié.',
} as const;

export type TrustStoreKey = keyof typeof trustStoreFr;

export const trustStoreEn: Record<TrustStoreKey, string> = {
  'store.busy': 'The database is busy with another program (an import, another Maillage window): try again in a moment. Nothing was saved.',
  'store.replaced': 'The database “{file}” was replaced by another program; restart Maillage. Nothing was saved.',
  'store.beingReplaced': 'The database “{file}” is being replaced or upgraded by another program: try again in a moment.',
  'store.closed': 'The database “{file}” is closed.',
  'store.inUse.restore':
    'Cannot restore: the database {file} is open in another program (Maillage, web mode or a running command). Close it and try again: nothing was changed.',
  'store.inUse.replace':
    'Cannot replace the data: the database {file} is open in another program (Maillage, web mode or a running command). Close it and try again: nothing was changed.',
  'store.inUse.migrate':
    'The database {file} must be upgraded for this version of Maillage, but it is open in another program (another Maillage version, web mode or a running command). Close it and start again: nothing was changed.',
};
