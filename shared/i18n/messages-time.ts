/** Messages of the time feature (UI, documents, CLI). */
export const timeFr = {} as const;
export const timeEn: Record<keyof typeof timeFr, string> = {};
