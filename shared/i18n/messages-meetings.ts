/** Messages of the meetings feature (UI, documents, CLI). */
export const meetingsFr = {} as const;
export const meetingsEn: Record<keyof typeof meetingsFr, string> = {};
