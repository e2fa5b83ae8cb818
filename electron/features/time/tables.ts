/** Tables of the time feature, merged into the DB interface (electron/store/schema.ts). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TimeTables {}
