/** Messages of corrections: editing and deleting what was entered, and why a record cannot change (issue 11). */
export const uiEditFr = {
  'error.edit.grantHasPayment': 'Cette subvention a un versement enregistré : supprimez-le d’abord pour supprimer la subvention.',
  'error.edit.grantHasPayments': 'Cette subvention a {count} versements enregistrés : supprimez-les d’abord pour supprimer la subvention.',
  'error.edit.grantHasBudget': 'Le budget « {label} » s’appuie sur cette subvention : détachez-le d’abord.',
  'error.edit.founderHasActivity': '« {name} » est cité dans une action du journal d’activité : modifiez cette action d’abord.',
  'error.edit.founderHasActivities': '« {name} » est cité dans {count} actions du journal d’activité : modifiez ces actions d’abord.',
  'error.edit.affiliationVoting':
    'Structure : la personne représente « {organisation} » au vote d’une adhésion ; changez le représentant de cette adhésion avant de changer la structure.',

  'data.ui.entity.decision': 'Décision',
  'data.ui.entity.action': 'Action à mener',
  'data.ui.entity.attendance': 'Présence',
  'data.ui.entity.affiliation': 'Rattachement',
  'data.ui.entity.budget': 'Budget',
  'data.ui.entity.founder': 'Porteur de projet',
};

export const uiEditEn: Record<keyof typeof uiEditFr, string> = {
  'error.edit.grantHasPayment': 'This grant has a payment on record: delete it first to delete the grant.',
  'error.edit.grantHasPayments': 'This grant has {count} payments on record: delete them first to delete the grant.',
  'error.edit.grantHasBudget': 'The budget “{label}” is built on this grant: detach it first.',
  'error.edit.founderHasActivity': '“{name}” is named in an activity of the log: change that activity first.',
  'error.edit.founderHasActivities': '“{name}” is named in {count} activities of the log: change those activities first.',
  'error.edit.affiliationVoting':
    'Organisation: this person represents “{organisation}” at the vote of a membership; change that membership’s representative before changing the organisation.',

  'data.ui.entity.decision': 'Decision',
  'data.ui.entity.action': 'Action item',
  'data.ui.entity.attendance': 'Attendance',
  'data.ui.entity.affiliation': 'Affiliation',
  'data.ui.entity.budget': 'Budget',
  'data.ui.entity.founder': 'Project founder',
};
