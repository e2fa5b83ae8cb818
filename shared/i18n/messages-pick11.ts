/** Messages of the multiple choice built on the picker (RecordMultiPicker). */
export const pick11Fr = {
  'picker.removeOf': 'Retirer {label}',
  'picker.addOne': 'Tapez pour ajouter…',
} as const;

export const pick11En: Record<keyof typeof pick11Fr, string> = {
  'picker.removeOf': 'Remove {label}',
  'picker.addOne': 'Type to add…',
};
