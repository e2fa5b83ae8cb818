/** Messages of the desktop's choice of base (a SQLite file or a shared PostgreSQL base). */
export const pg13aFr = {
  'pg13a.location.notPostgres': 'Adresse de base refusée : « {target} ». Forme attendue : postgres://utilisateur@hôte:port/base?sslmode=require',
  'pg13a.location.noHost': 'L’adresse PostgreSQL ne nomme pas de serveur (postgres://utilisateur@hôte:port/base).',
  'pg13a.location.noBase': 'L’adresse PostgreSQL ne nomme pas de base (postgres://utilisateur@hôte:port/base).',
  'pg13a.location.badSslmode': 'sslmode « {sslmode} » inconnu ; valeurs possibles : {allowed}.',
  'pg13a.location.noKeychain':
    'Le trousseau du système n’est pas disponible : le mot de passe ne peut pas être gardé chiffré, et il ne sera jamais écrit en clair. Enregistrez l’adresse sans mot de passe et donnez-le par PGPASSWORD ou ~/.pgpass.',
  'pg13a.location.undecryptable': 'Le mot de passe enregistré de la base PostgreSQL ne peut pas être déchiffré (autre utilisateur ou autre machine) : choisissez la base à nouveau dans les réglages.',
  'pg13a.location.desktopOnly': 'Le choix de la base se fait dans l’application de bureau ; la ligne de commande et le mode web prennent --db.',
  'pg13a.ui.title': 'Base de données',
  'pg13a.ui.hint': 'Par défaut, Maillage garde ses données dans un fichier de cet ordinateur. Une base PostgreSQL partagée permet à plusieurs personnes du réseau d’y travailler en même temps.',
  'pg13a.ui.sqlite': 'Fichier de cet ordinateur (SQLite)',
  'pg13a.ui.postgres': 'Base partagée PostgreSQL',
  'pg13a.ui.url': 'Adresse',
  'pg13a.ui.password': 'Mot de passe',
  'pg13a.ui.passwordKept': 'Un mot de passe est enregistré (chiffré par le trousseau du système). Laissez vide pour le garder.',
  'pg13a.ui.forgetPassword': 'Oublier le mot de passe enregistré',
  'pg13a.ui.current': 'Base ouverte : {target}',
  'pg13a.ui.save': 'Enregistrer le choix',
  'pg13a.ui.saved': 'Choix enregistré : il prendra effet au prochain démarrage de Maillage.',
} as const;

export const pg13aEn: Record<keyof typeof pg13aFr, string> = {
  'pg13a.location.notPostgres': 'Base address refused: “{target}”. Expected: postgres://user@host:port/base?sslmode=require',
  'pg13a.location.noHost': 'The PostgreSQL address names no server (postgres://user@host:port/base).',
  'pg13a.location.noBase': 'The PostgreSQL address names no database (postgres://user@host:port/base).',
  'pg13a.location.badSslmode': 'Unknown sslmode “{sslmode}”; possible values: {allowed}.',
  'pg13a.location.noKeychain':
    'The system keychain is unavailable: the password cannot be kept encrypted, and it is never written in clear. Save the address without a password and give it through PGPASSWORD or ~/.pgpass.',
  'pg13a.location.undecryptable': 'The saved password of the PostgreSQL base cannot be decrypted (another user or another machine): choose the base again in the settings.',
  'pg13a.location.desktopOnly': 'The base is chosen in the desktop app; the command line and web mode take --db.',
  'pg13a.ui.title': 'Database',
  'pg13a.ui.hint': 'By default, Maillage keeps its data in a file on this computer. A shared PostgreSQL base lets several people of the network work on it at once.',
  'pg13a.ui.sqlite': 'File on this computer (SQLite)',
  'pg13a.ui.postgres': 'Shared PostgreSQL base',
  'pg13a.ui.url': 'Address',
  'pg13a.ui.password': 'Password',
  'pg13a.ui.passwordKept': 'A password is saved (encrypted by the system keychain). Leave empty to keep it.',
  'pg13a.ui.forgetPassword': 'Forget the saved password',
  'pg13a.ui.current': 'Open base: {target}',
  'pg13a.ui.save': 'Save the choice',
  'pg13a.ui.saved': 'Choice saved: it takes effect the next time Maillage starts.',
};
