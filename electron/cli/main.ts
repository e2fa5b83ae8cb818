import { runCli } from './run';

/** `npm run cli -- COMMAND …`: see `npm run cli -- --help` and docs/cli.md. */
void runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  language: process.env.MAILLAGE_LANG === 'en' ? 'en' : 'fr',
}).then((status) => {
  process.exitCode = status;
});
