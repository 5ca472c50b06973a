import { certificatesScenario } from './certificates.js';
import type { Scenario } from './types.js';

/** Every scenario `npm run bench -- <name>` knows; later ones plug in here. */
export const scenarios: Record<string, Scenario> = {
  [certificatesScenario.name]: certificatesScenario,
};
