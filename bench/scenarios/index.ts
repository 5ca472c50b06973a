import { catalogSearchScenario } from './catalog-search.js';
import { certificatesScenario } from './certificates.js';
import { dbFloorScenario } from './db-floor.js';
import { httpFloorScenario } from './http-floor.js';
import { lifecycleScenario } from './lifecycle.js';
import { oidcTokensScenario } from './oidc-tokens.js';
import { workbenchQueryScenario } from './workbench-query.js';
import { workflowEngineScenario } from './workflow-engine.js';
import type { Scenario } from './types.js';

/** Every scenario `npm run bench -- <name>` knows, in the order `all` runs them. */
export const scenarios: Record<string, Scenario> = Object.fromEntries(
  [
    httpFloorScenario,
    dbFloorScenario,
    lifecycleScenario,
    workflowEngineScenario,
    workbenchQueryScenario,
    certificatesScenario,
    catalogSearchScenario,
    oidcTokensScenario,
  ].map((s) => [s.name, s]),
);
