import type { MethodName, MethodOutput } from './contract';
import type { Result } from './errors';

/** The name of the global the Electron preload exposes the API under (`window.maillage`). */
export const BRIDGE_GLOBAL = 'maillage';

/**
 * What the preload exposes: one function per contract method and nothing else. Inputs are
 * `unknown` on purpose: main parses them with the contract's schema, whatever the renderer sends.
 */
export type Bridge = { [M in MethodName]: (input: unknown) => Promise<Result<MethodOutput<M>>> };
