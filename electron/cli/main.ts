import { appClock } from '../app/clock';
import { runCli } from './run';

/** `npm run cli -- COMMAND …`: see `npm run cli -- --help` and docs/cli.md. */
function main(): void {
  let now: () => Date;
  try {
    // Tests that spawn the CLI fix its clock with MAILLAGE_FIXED_NOW.
    now = appClock();
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
    return;
  }
  void runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    now,
    language: process.env.MAILLAGE_LANG === 'en' ? 'en' : 'fr',
  }).then((status) => {
    process.exitCode = status;
  });
}

main();
