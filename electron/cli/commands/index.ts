import type { CliCommand } from '../command';
import { exportCommand, importCommand } from './archive';
import { demoCommand } from './demo';
import { initCommand } from './init';
import { copyCommand } from './copy';
import { attendanceSheetCommand, minutesCommand, noticeCommand } from './meetings';
import { backupCommand, checkCommand, restoreCommand } from './data';
import { timeCertificateCommand, timeNetworkCommand, timeSummaryCommand } from './time';
import { reportAnnualCommand, reportPartnerCommand } from './report';
import { reportCerfaCommand } from './cerfa';
import { membershipsCallCommand, membershipsReceiptCommand } from './memberships';
import { letterheadClearCommand, letterheadSetCommand } from './letterhead';
import { usersAddCommand, usersDisableCommand, usersListCommand, usersResetCommand } from './users';
import { mailCommand } from './mail';

/** Every command, in the order the help lists them. A feature adds its commands here, one line each. */
export const COMMANDS: readonly CliCommand[] = [initCommand, copyCommand, demoCommand, exportCommand, importCommand, backupCommand, restoreCommand, checkCommand, timeSummaryCommand, timeCertificateCommand, timeNetworkCommand, reportAnnualCommand, reportPartnerCommand, reportCerfaCommand, membershipsCallCommand, membershipsReceiptCommand, minutesCommand, attendanceSheetCommand, noticeCommand, letterheadSetCommand, letterheadClearCommand, usersAddCommand, usersListCommand, usersDisableCommand, usersResetCommand, mailCommand];
