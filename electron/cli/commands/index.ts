import type { CliCommand } from '../command';
import { exportCommand, importCommand } from './archive';
import { demoCommand } from './demo';
import { initCommand } from './init';

/** Every command, in the order the help lists them. A feature adds its commands here, one line each. */
export const COMMANDS: readonly CliCommand[] = [initCommand, demoCommand, exportCommand, importCommand];
