/** Tables of the meetings feature, merged into the DB interface (electron/store/schema.ts). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface MeetingsTables {}
