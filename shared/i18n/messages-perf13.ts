/** Messages of the month grid's refusal of a cell whose entry was deleted since the grid was opened. */
export const perf13Fr = {
  'time.error.gridDeletedMeanwhileBy':
    'Ligne « {line} », {date} : cette saisie a été supprimée entre-temps par {by} à {at}. Rien n’a été enregistré : rechargez la grille pour voir son état actuel, puis refaites votre modification.',
  'time.error.gridDeletedMeanwhile':
    'Ligne « {line} », {date} : cette saisie a été supprimée entre-temps par un autre poste. Rien n’a été enregistré : rechargez la grille pour voir son état actuel, puis refaites votre modification.',
};

export const perf13En: Record<keyof typeof perf13Fr, string> = {
  'time.error.gridDeletedMeanwhileBy': 'Line "{line}", {date}: this entry was deleted meanwhile by {by} at {at}. Nothing was saved: reload the grid to see it as it is now, then make your change again.',
  'time.error.gridDeletedMeanwhile': 'Line "{line}", {date}: this entry was deleted meanwhile from another computer. Nothing was saved: reload the grid to see it as it is now, then make your change again.',
};
