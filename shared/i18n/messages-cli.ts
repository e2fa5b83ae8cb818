import { tableSelect } from './messages-ui-french';
/** Messages of the command-line interface and of the archive (owned by electron/cli and electron/features/archive). */
export const cliFr = {
  'error.archive.empty': 'Archive illisible : le fichier est vide.',
  'error.archive.truncated': 'Archive illisible : le fichier JSON est tronqué (il s’arrête ligne {line}, colonne {column}).',
  'error.archive.malformed': 'Archive illisible : le fichier JSON est mal formé (ligne {line}, colonne {column}).',
  'error.archive.fileNotFound': 'Archive introuvable : {file}.',
  'error.archive.tooLarge': 'Archive trop volumineuse ({size}) : la limite est de {limit}.',
  'error.archive.notArchive': 'Ce fichier n’est pas une archive Maillage (son champ « format » doit valoir « maillage-archive »).',
  'error.archive.formatTooNew':
    'Cette archive a été écrite par une version plus récente de Maillage (format {found} ; cette version lit jusqu’au format {supported}). Mettez Maillage à jour.',
  'error.archive.schemaTooNew':
    'Cette archive a été écrite par une version plus récente de Maillage (schéma {found} ; cette version connaît le schéma {supported}). Mettez Maillage à jour.',
  'error.archive.invalid': 'Archive refusée, rien n’a été importé : {count, plural, one {# erreur, en {path}} other {# erreurs, la première en {path}}}.',
  'error.archive.notEmpty':
    'La base de données n’est pas vide ({count, plural, one {# enregistrement} other {# enregistrements}}) : rien n’a été importé. Importez dans une base vide, ou demandez le remplacement de son contenu.',
  'error.archive.rejected': 'La base de données a refusé l’archive, rien n’a été importé : {detail}',
  'error.archive.unknownTable': 'Table inconnue « {table} » : l’archive vient-elle d’une version plus récente de Maillage ?',
  'error.archive.notArray': 'Une liste de lignes est attendue.',
  'error.archive.notObject': 'Chaque ligne doit être un objet JSON.',
  'error.archive.duplicateKey': 'Identifiant {value} en double (déjà pris par l’élément [{row}]).',
  'error.archive.duplicateUnique': 'Valeur déjà prise par l’élément [{row}] ({columns} = {value}).',
  'error.archive.missingReference': `Renvoie à l’enregistrement {value} de « ${tableSelect('table', 'fr')} », absent de l’archive.`,
  'error.archive.moreIssues': '… et {count, plural, one {# autre erreur} other {# autres erreurs}}.',
  'error.archive.boolean': 'Valeur 0 ou 1 attendue.',
  'error.archive.timestamp': 'Horodatage ISO 8601 attendu (exemple : 2026-03-12T09:30:00.000Z).',

  'cli.help.intro': 'Maillage en ligne de commande : les services de l’application, pour automatiser sauvegardes, imports et exports.',
  'cli.help.usage': 'Usage : {usage}',
  'cli.help.commands': 'Commandes :',
  'cli.help.arguments': 'Arguments :',
  'cli.help.options': 'Options :',
  'cli.help.globalOptions': 'Options communes :',
  'cli.help.examples': 'Exemples :',
  'cli.help.more': 'Aide d’une commande : npm run cli -- COMMANDE --help',
  'cli.option.db': 'fichier de la base de données (par défaut : {path})',
  'cli.option.help': 'affiche cette aide',
  'cli.option.version': 'affiche la version',
  'cli.option.verbose': 'détaille les erreurs (liste complète, trace)',
  'cli.version': 'Maillage {version} (schéma de base {schema}, format d’archive {format})',
  'cli.error.unknownCommand': 'Commande inconnue : « {command} ». Commandes : {commands}. Aide : npm run cli -- --help',
  'cli.error.unknownOption': 'Option inconnue : {option}. Aide : {help}',
  'cli.error.missingValue': 'L’option {option} attend une valeur.',
  'cli.error.badOption': 'Option mal employée : {detail}',
  'cli.error.missingArgument': 'Argument manquant : {argument}. Usage : {usage}',
  'cli.error.extraArgument': 'Argument inattendu : « {argument} ». Usage : {usage}',
  'cli.error.databaseNotFound': 'Base de données introuvable : {file}. Créez-la avec « npm run cli -- init » ou indiquez-en une autre avec --db.',
  'cli.error.unexpected': 'Erreur inattendue, rien n’a été validé : {detail}',
  'cli.error.firstIssue': '{summary} ({path} : {message}).',
  'cli.error.seeVerbose': 'Relancez avec --verbose pour la liste complète.',
  'cli.backup.done': 'Copie de sauvegarde : {file}',

  'cli.init.summary': 'crée la base de données ou la met à jour',
  'cli.init.description':
    'Crée la base de données si elle n’existe pas, sinon applique les migrations en attente (après une copie de sauvegarde). Affiche le chemin du fichier et la version de son schéma.',
  'cli.init.created': 'Base de données créée : {file} (schéma {schema}).',
  'cli.init.migrated': 'Base de données mise à jour : {file} (schéma {schema}) ; copie de sauvegarde : {backup}',
  'cli.init.upToDate': 'Base de données à jour : {file} (schéma {schema}).',

  'cli.demo.summary': 'remplit la base avec des données de démonstration',
  'cli.demo.description':
    'Crée un réseau de démonstration : une quinzaine de ressourceries de Haute-Vienne, de Creuse et de Corrèze avec leurs personnes et leurs rôles, six partenaires et financeurs, le bureau de l’association, les adhésions et cotisations des cinq dernières années. Refuse une base qui contient déjà des données, sauf avec --force.',
  'cli.demo.force': 'vide d’abord la base (une copie de sauvegarde est faite avant)',
  'cli.demo.notEmpty':
    'La base {file} contient déjà {count, plural, one {# enregistrement} other {# enregistrements}} : rien n’a été modifié. Relancez avec --force pour la vider (après une copie de sauvegarde) et y mettre les données de démonstration.',
  'cli.demo.done': 'Données de démonstration créées dans {file} : {organisations, plural, one {# structure} other {# structures}}, {people, plural, one {# personne} other {# personnes}}, {memberships, plural, one {# adhésion} other {# adhésions}} ({firstYear}–{lastYear}).',

  'cli.export.summary': 'écrit toute la base dans une archive JSON',
  'cli.export.description':
    'Écrit tous les enregistrements de la base dans un seul fichier JSON, lu en une transaction (format décrit dans docs/archive.md). Un fichier existant du même nom est remplacé.',
  'cli.export.file': 'l’archive à écrire',
  'cli.export.done': 'Archive écrite : {file} ({rows, plural, one {# enregistrement} other {# enregistrements}}, {size}).',

  'cli.import.summary': 'recharge une archive JSON dans la base',
  'cli.import.description':
    'Vérifie toute l’archive (format, chaque ligne, identifiants en double, références, contraintes d’unicité) et signale chaque erreur par son chemin JSON ; puis l’écrit en une seule transaction : tout ou rien. La base doit être vide, sauf avec --replace.',
  'cli.import.file': 'l’archive à lire',
  'cli.import.replace': 'remplace tout le contenu de la base, dans la même transaction (une copie de sauvegarde est faite avant)',
  'cli.import.notEmpty':
    'La base {file} contient déjà {count, plural, one {# enregistrement} other {# enregistrements}} : rien n’a été importé. Importez dans une base vide, ou relancez avec --replace pour remplacer tout son contenu (après une copie de sauvegarde).',
  'cli.import.done': 'Archive importée dans {file} : {rows, plural, one {# enregistrement} other {# enregistrements}} ({detail}).',
} as const;

export const cliEn: Record<keyof typeof cliFr, string> = {
  'error.archive.empty': 'Unreadable archive: the file is empty.',
  'error.archive.truncated': 'Unreadable archive: the JSON file is truncated (it stops at line {line}, column {column}).',
  'error.archive.malformed': 'Unreadable archive: the JSON file is malformed (line {line}, column {column}).',
  'error.archive.fileNotFound': 'Archive not found: {file}.',
  'error.archive.tooLarge': 'Archive too large ({size}): the limit is {limit}.',
  'error.archive.notArchive': 'This file is not a Maillage archive (its "format" field must be "maillage-archive").',
  'error.archive.formatTooNew':
    'This archive was written by a newer version of Maillage (format {found}; this version reads up to format {supported}). Please update Maillage.',
  'error.archive.schemaTooNew':
    'This archive was written by a newer version of Maillage (schema {found}; this version knows schema {supported}). Please update Maillage.',
  'error.archive.invalid': 'Archive refused, nothing was imported: {count, plural, one {# error, at {path}} other {# errors, the first at {path}}}.',
  'error.archive.notEmpty':
    'The database is not empty ({count, plural, one {# record} other {# records}}): nothing was imported. Import into an empty database, or ask for its content to be replaced.',
  'error.archive.rejected': 'The database refused the archive, nothing was imported: {detail}',
  'error.archive.unknownTable': 'Unknown table "{table}": does the archive come from a newer version of Maillage?',
  'error.archive.notArray': 'A list of rows is expected.',
  'error.archive.notObject': 'Each row must be a JSON object.',
  'error.archive.duplicateKey': 'Duplicate identifier {value} (already used by element [{row}]).',
  'error.archive.duplicateUnique': 'Value already used by element [{row}] ({columns} = {value}).',
  'error.archive.missingReference': `Refers to record {value} of “${tableSelect('table', 'en')}”, which is not in the archive.`,
  'error.archive.moreIssues': '… and {count, plural, one {# more error} other {# more errors}}.',
  'error.archive.boolean': 'Value 0 or 1 expected.',
  'error.archive.timestamp': 'ISO 8601 timestamp expected (example: 2026-03-12T09:30:00.000Z).',

  'cli.help.intro': 'Maillage on the command line: the application’s services, to automate backups, imports and exports.',
  'cli.help.usage': 'Usage: {usage}',
  'cli.help.commands': 'Commands:',
  'cli.help.arguments': 'Arguments:',
  'cli.help.options': 'Options:',
  'cli.help.globalOptions': 'Common options:',
  'cli.help.examples': 'Examples:',
  'cli.help.more': 'Help on a command: npm run cli -- COMMAND --help',
  'cli.option.db': 'database file (default: {path})',
  'cli.option.help': 'shows this help',
  'cli.option.version': 'shows the version',
  'cli.option.verbose': 'details errors (full list, stack trace)',
  'cli.version': 'Maillage {version} (database schema {schema}, archive format {format})',
  'cli.error.unknownCommand': 'Unknown command: "{command}". Commands: {commands}. Help: npm run cli -- --help',
  'cli.error.unknownOption': 'Unknown option: {option}. Help: {help}',
  'cli.error.missingValue': 'The option {option} needs a value.',
  'cli.error.badOption': 'Option misused: {detail}',
  'cli.error.missingArgument': 'Missing argument: {argument}. Usage: {usage}',
  'cli.error.extraArgument': 'Unexpected argument: "{argument}". Usage: {usage}',
  'cli.error.databaseNotFound': 'Database not found: {file}. Create it with "npm run cli -- init" or name another one with --db.',
  'cli.error.unexpected': 'Unexpected error, nothing was committed: {detail}',
  'cli.error.firstIssue': '{summary} ({path}: {message}).',
  'cli.error.seeVerbose': 'Run again with --verbose for the full list.',
  'cli.backup.done': 'Backup copy: {file}',

  'cli.init.summary': 'creates the database or updates it',
  'cli.init.description':
    'Creates the database if it does not exist, otherwise applies pending migrations (after a backup copy). Prints the file path and its schema version.',
  'cli.init.created': 'Database created: {file} (schema {schema}).',
  'cli.init.migrated': 'Database updated: {file} (schema {schema}); backup copy: {backup}',
  'cli.init.upToDate': 'Database up to date: {file} (schema {schema}).',

  'cli.demo.summary': 'fills the database with demonstration data',
  'cli.demo.description':
    'Creates a demonstration network: about fifteen ressourceries in Haute-Vienne, Creuse and Corrèze with their people and roles, six partners and funders, the association’s officers, memberships and fees over the last five years. Refuses a database that already holds data, unless --force is given.',
  'cli.demo.force': 'empties the database first (a backup copy is made before)',
  'cli.demo.notEmpty':
    'The database {file} already holds {count, plural, one {# record} other {# records}}: nothing was changed. Run again with --force to empty it (after a backup copy) and fill it with demonstration data.',
  'cli.demo.done': 'Demonstration data created in {file}: {organisations, plural, one {# organisation} other {# organisations}}, {people, plural, one {# person} other {# people}}, {memberships, plural, one {# membership} other {# memberships}} ({firstYear}–{lastYear}).',

  'cli.export.summary': 'writes the whole database to a JSON archive',
  'cli.export.description':
    'Writes every record of the database to one JSON file, read in one transaction (format described in docs/archive.md). An existing file of the same name is replaced.',
  'cli.export.file': 'the archive to write',
  'cli.export.done': 'Archive written: {file} ({rows, plural, one {# record} other {# records}}, {size}).',

  'cli.import.summary': 'loads a JSON archive into the database',
  'cli.import.description':
    'Checks the whole archive (format, every row, duplicate identifiers, references, unique constraints) and reports each error by its JSON path; then writes it in one transaction: all or nothing. The database must be empty, unless --replace is given.',
  'cli.import.file': 'the archive to read',
  'cli.import.replace': 'replaces the whole content of the database, in the same transaction (a backup copy is made before)',
  'cli.import.notEmpty':
    'The database {file} already holds {count, plural, one {# record} other {# records}}: nothing was imported. Import into an empty database, or run again with --replace to replace its whole content (after a backup copy).',
  'cli.import.done': 'Archive imported into {file}: {rows, plural, one {# record} other {# records}} ({detail}).',
};
