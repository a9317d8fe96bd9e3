/** Adding a user row: one e-mail address per account across the server, stored lower-cased. */
import { BallastError } from '../errors.js';
import type { Db } from './database.js';
import type { Role } from './roles.js';
import { isId } from './secrets.js';

export interface NewUser {
  email: string;
  name: string;
  password: string;
  role: Role;
}

export async function insertUser(
  db: Db,
  orgId: string,
  userId: string,
  user: Omit<NewUser, 'role' | 'password'>,
  role: Role,
  passwordHash: string,
): Promise<void> {
  if (!isId(userId, 'usr'))
    throw new BallastError('internal', `user id ${userId} is not one this server makes`);
  await db
    .insertInto('users')
    .values({
      id: userId,
      org_id: orgId,
      email: user.email.trim().toLowerCase(),
      name: user.name,
      password_hash: passwordHash,
      role,
    })
    .execute()
    .catch((error: unknown) => {
      if ((error as { code?: string }).code === '23505')
        throw new BallastError('bad-input', 'a user with this e-mail address already exists', {
          hint: 'Use another address, or sign in with that one.',
        });
      throw error;
    });
}
