/** The time methods of the API (see shared/api/contract.ts). */
export const timeContract = {};
