/**
 * Roles and what they allow. An owner manages users, tokens and sellers; an analyst imports, runs and
 * plans; a viewer reads. API tokens carry scopes, a subset of their creator's permissions.
 */
export const ROLES = ['owner', 'analyst', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** read: every GET; run: imports, simulations, plans, saved scenarios; manage: users, tokens, sellers. */
export const PERMISSIONS = ['read', 'run', 'manage'] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: ['read', 'run', 'manage'],
  analyst: ['read', 'run'],
  viewer: ['read'],
};

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);
export const isPermission = (value: string): value is Permission =>
  (PERMISSIONS as readonly string[]).includes(value);

/** Who is calling, as the one tenancy module sees it. */
export interface Principal {
  orgId: string;
  /** `user:usr_…` or `token:tok_…`, as written in the audit log. */
  actor: string;
  userId: string | null;
  permissions: ReadonlySet<Permission>;
}
