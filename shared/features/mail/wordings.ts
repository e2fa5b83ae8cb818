import type { WordingKind } from './schemas';

/**
 * The original text of each message, in French, with its named placeholders. « Rétablir le texte
 * d'origine » comes back to these; the secretary's edits are stored apart (settings `mail.wordings`).
 */
export const DEFAULT_WORDINGS: Record<WordingKind, { subject: string; body: string }> = {
  notice: {
    subject: 'Convocation : {réunion} du {date}',
    body: [
      'Bonjour {personne},',
      '',
      'Vous êtes convoqué·e à la réunion « {réunion} » le {date} {heure}, {lieu}.',
      'Vous trouverez ci-joint la convocation avec l’ordre du jour, et l’invitation à ajouter à votre agenda.',
      '',
      'Si vous ne pouvez pas être présent·e, merci de nous prévenir et, le cas échéant, de donner pouvoir à un autre membre.',
      '',
      'Bien cordialement,',
      '{association}',
    ].join('\n'),
  },
  minutes: {
    subject: 'Compte rendu approuvé : {réunion} du {date}',
    body: ['Bonjour {personne},', '', 'Vous trouverez ci-joint le compte rendu de la réunion « {réunion} » du {date}, tel qu’il a été approuvé.', '', 'Bien cordialement,', '{association}'].join('\n'),
  },
  certificate: {
    subject: 'Attestation {année} pour {structure}',
    body: ['Bonjour {personne},', '', 'Vous trouverez ci-joint l’attestation de temps de {structure} pour l’année {année}.', '', 'Bien cordialement,', '{association}'].join('\n'),
  },
  reminder_time: {
    subject: 'Temps passé à saisir pour {structure}',
    body: ['Bonjour {personne},', '', 'Nous n’avons reçu aucun temps passé pour {structure} depuis le {depuis}.', 'Pourriez-vous nous transmettre les heures du mois écoulé ?', '', 'Merci d’avance,', '{association}'].join('\n'),
  },
  reminder_observatory: {
    subject: 'Chiffres de l’observatoire {année} : {structure}',
    body: ['Bonjour {personne},', '', 'Les chiffres de l’observatoire {année} de {structure} ne nous sont pas encore parvenus.', 'Pourriez-vous nous les transmettre ?', '', 'Merci d’avance,', '{association}'].join('\n'),
  },
  reminder_actions: {
    subject: 'Actions à échéance dépassée',
    body: ['Bonjour {personne},', '', 'Les actions suivantes, dont vous êtes responsable, ont dépassé leur échéance :', '', '{actions}', '', 'Pourriez-vous nous dire où elles en sont ?', '', 'Bien cordialement,', '{association}'].join('\n'),
  },
  reminder_membership: {
    subject: 'Cotisation {année} : {structure}',
    body: ['Bonjour {personne},', '', 'Sauf erreur de notre part, la cotisation {année} de {structure} n’est pas encore réglée : il reste {montant} à payer.', '', 'Merci d’avance,', '{association}'].join('\n'),
  },
  test: {
    subject: 'Message d’essai de Maillage',
    body: ['Bonjour,', '', 'Ce message d’essai a été envoyé par Maillage pour vérifier les réglages du courrier.', 'Accents : é è à ç ô « guillemets ».', '', '{association}'].join('\n'),
  },
};
