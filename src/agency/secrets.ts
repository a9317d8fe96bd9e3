/**
 * Ids and bearer secrets. Ids are random and carry a kind prefix (`sel_…`); workspace paths are
 * built from seller ids only, so an id's shape is checked before it reaches a path or a query.
 * Secrets (session cookies, API tokens) are stored as their SHA-256: 256 random bits need no salt.
 */
import { createHash, randomBytes } from 'node:crypto';

export const ID_KINDS = ['org', 'usr', 'sel', 'tok', 'job'] as const;
export type IdKind = (typeof ID_KINDS)[number];

const ID = /^(org|usr|sel|tok|job)_[0-9a-f]{20}$/;

export const newId = (kind: IdKind): string => `${kind}_${randomBytes(10).toString('hex')}`;

/** True for an id this server could have made of that kind; anything else is unknown, never looked up. */
export const isId = (value: string, kind: IdKind): boolean => ID.test(value) && value.startsWith(`${kind}_`);

export const newSecret = (prefix: string): string => `${prefix}_${randomBytes(32).toString('base64url')}`;

export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');
