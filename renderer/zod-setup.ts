// Imported first by every renderer module that uses zod at run time (forms, schema checks): zod then
// loads with the first form, not with the first screen.
import { z } from 'zod';
// Maps zod's own issues to catalogue keys (the contract's schemas are also used in forms here).
import '../shared/validation/zod-issues';

// The CSP forbids eval: tell zod not to probe for it (the probe logs a CSP violation).
z.config({ jitless: true });
