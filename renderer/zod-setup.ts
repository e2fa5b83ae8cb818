// Imported first by main.tsx, before any schema is built or used.
import { z } from 'zod';
// Maps zod's own issues to catalogue keys (the contract's schemas are also used in forms here).
import '../shared/validation/zod-issues';

// The CSP forbids eval: tell zod not to probe for it (the probe logs a CSP violation).
z.config({ jitless: true });
