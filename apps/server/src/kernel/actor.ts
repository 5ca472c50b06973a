/**
 * Who acts. Every service call receives one explicitly; authorization is checked against it
 * inside the service. The identity module will create person, enterprise and staff actors;
 * until then only the system (CLI, seed, timers) and anonymous public readers exist.
 */
export interface Actor {
  id: string;
  kind: 'system' | 'anonymous' | 'person' | 'enterprise' | 'staff';
  roles: readonly string[];
  organisationId?: string;
  /** root of the region subtree the actor may act in (GB/T 2260 code) */
  jurisdiction?: string;
}

export const systemActor = (component: string): Actor => ({
  id: `system:${component}`,
  kind: 'system',
  roles: ['system'],
});

export const anonymousActor: Actor = { id: 'anonymous', kind: 'anonymous', roles: [] };
