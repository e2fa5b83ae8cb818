/** Account invitations sent by mail (the server's accounts, the mail settings). */
export const inviteFr = {
  'accounts.mail.subject.new': 'Votre accès à Maillage — {association}',
  'accounts.mail.body.new':
    'Bonjour {name},\n\nUn compte a été ouvert pour vous sur Maillage, l’application de {association}. Pour choisir votre mot de passe, ouvrez ce lien :\n\n{url}\n\nIl sert une seule fois et jusqu’au {until}. Passé ce délai, demandez-en un nouveau au secrétariat.\n\nBien cordialement,\nLe secrétariat',
  'accounts.mail.subject.reset': 'Nouveau mot de passe Maillage — {association}',
  'accounts.mail.body.reset':
    'Bonjour {name},\n\nLe secrétariat de {association} a réinitialisé votre accès à Maillage. Pour choisir un nouveau mot de passe, ouvrez ce lien :\n\n{url}\n\nIl sert une seule fois et jusqu’au {until}.\n\nBien cordialement,\nLe secrétariat',
  'invite.ui.send': 'Envoyer l’invitation par courriel',
  'invite.ui.sent': 'Invitation envoyée par courriel à {email}.',
  'invite.ui.written': 'Aucun serveur de courrier n’est réglé : l’invitation est écrite dans {file}.',
  'invite.ui.failed': 'Le compte de {email} est créé, mais l’invitation n’a pas pu partir : {error} Transmettez-lui le lien ci-dessous.',
  'accounts.cli.send': 'envoie le lien d’invitation par courriel (réglages du courrier, ou --smtp)',
  'invite.cli.sent': 'Invitation envoyée par courriel à {email}.',
  'invite.cli.written': 'Invitation écrite dans {file} (aucun serveur de courrier réglé).',
  'invite.cli.failed': 'L’invitation n’a pas pu partir : {error}',
} as const;

export const inviteEn: Record<keyof typeof inviteFr, string> = {
  'accounts.mail.subject.new': 'Your access to Maillage — {association}',
  'accounts.mail.body.new':
    'Hello {name},\n\nAn account was opened for you on Maillage, the application of {association}. To choose your password, open this link:\n\n{url}\n\nIt works once, until {until}. After that, ask the secretariat for a new one.\n\nKind regards,\nThe secretariat',
  'accounts.mail.subject.reset': 'New Maillage password — {association}',
  'accounts.mail.body.reset':
    'Hello {name},\n\nThe secretariat of {association} reset your access to Maillage. To choose a new password, open this link:\n\n{url}\n\nIt works once, until {until}.\n\nKind regards,\nThe secretariat',
  'invite.ui.send': 'Send the invitation by e-mail',
  'invite.ui.sent': 'Invitation sent by e-mail to {email}.',
  'invite.ui.written': 'No mail server is set: the invitation is written to {file}.',
  'invite.ui.failed': 'The account of {email} is created, but the invitation could not be sent: {error} Hand them the link below.',
  'accounts.cli.send': 'sends the invitation link by e-mail (the mail settings, or --smtp)',
  'invite.cli.sent': 'Invitation sent by e-mail to {email}.',
  'invite.cli.written': 'Invitation written to {file} (no mail server set).',
  'invite.cli.failed': 'The invitation could not be sent: {error}',
};
