/** One language's messages, generated at build time from shared/i18n (see vite.config.ts). */
declare module 'virtual:maillage-catalogue/*' {
  const catalogue: Record<string, string>;
  export default catalogue;
}
