import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Role } from '../../shared/schemas.ts';

const rolesOf = sql<
  Role[]
>`coalesce((select array_agg(ur.role order by ur.role) from user_roles ur where ur.user_id = users.id), '{}')`;

export async function findSessionActor(db: Db, idHash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.userId')
    .select([
      'users.id',
      'users.email',
      'users.displayName',
      rolesOf.as('roles'),
      'sessions.rolesKey',
      'sessions.expiresAt',
    ])
    .where('sessions.idHash', '=', idHash)
    .where('sessions.expiresAt', '>', sql<Date>`now()`)
    .where('users.disabledAt', 'is', null)
    .executeTakeFirst();
}

export async function findUserByEmail(db: Db, email: string) {
  return db
    .selectFrom('users')
    .selectAll('users')
    .select(rolesOf.as('roles'))
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}

export async function findUserById(db: Db, id: string) {
  return db.selectFrom('users').selectAll('users').select(rolesOf.as('roles')).where('id', '=', id).executeTakeFirst();
}

export async function listUsers(db: Db, opts: { q?: string | undefined; after?: [string, string]; limit: number }) {
  let query = db.selectFrom('users').selectAll('users').select(rolesOf.as('roles'));
  if (opts.q) {
    const like = `%${opts.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    query = query.where((eb) => eb.or([eb('email', 'ilike', like), eb('displayName', 'ilike', like)]));
  }
  if (opts.after) {
    const [email, id] = opts.after;
    query = query.where(sql<boolean>`(lower(email), id) > (${email}, ${id}::uuid)`);
  }
  return query
    .orderBy(sql`lower(email)`)
    .orderBy('id')
    .limit(opts.limit + 1)
    .execute();
}

/** Active users holding one of the roles, by name (at most `limit`). */
export async function activeUsersHolding(db: Db, roles: readonly Role[], limit: number) {
  return db
    .selectFrom('users')
    .select(['users.id', 'users.displayName', 'users.email', rolesOf.as('roles')])
    .where('disabledAt', 'is', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('userRoles')
          .select('userRoles.userId')
          .whereRef('userRoles.userId', '=', 'users.id')
          .where('userRoles.role', 'in', [...roles]),
      ),
    )
    .orderBy('users.displayName')
    .orderBy('users.id')
    .limit(limit)
    .execute();
}

export async function insertUser(
  db: Db,
  values: { email: string; displayName: string; passwordHash: string | null; locale: 'da' | 'en' },
) {
  return db.insertInto('users').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function updateUser(
  db: Db,
  id: string,
  values: Partial<{ displayName: string; locale: 'da' | 'en'; passwordHash: string; disabledAt: Date | null }>,
) {
  return db
    .updateTable('users')
    .set({ ...values, updatedAt: sql<Date>`now()` })
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function replaceRoles(db: Db, userId: string, roles: readonly Role[]) {
  await db
    .deleteFrom('userRoles')
    .where('userId', '=', userId)
    .where('role', 'not in', [...roles])
    .execute();
  await db
    .insertInto('userRoles')
    .values(roles.map((role) => ({ userId, role })))
    .onConflict((oc) => oc.columns(['userId', 'role']).doNothing())
    .execute();
}

export async function countAdmins(db: Db, exceptUserId?: string) {
  // Lock every admin role first, always in the same order (no deadlock): otherwise two admins who
  // demote or disable each other at once each count the other as the remaining admin, leaving none.
  await db.selectFrom('userRoles').select('userId').where('role', '=', 'admin').orderBy('userId').forUpdate().execute();
  let q = db
    .selectFrom('userRoles')
    .innerJoin('users', 'users.id', 'userRoles.userId')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('userRoles.role', '=', 'admin')
    .where('users.disabledAt', 'is', null);
  if (exceptUserId) q = q.where('users.id', '!=', exceptUserId);
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertSession(
  db: Db,
  values: { idHash: string; userId: string; expiresAt: Date; rolesKey: string },
) {
  await db.insertInto('sessions').values(values).execute();
}

/** Deletes a session and says whether this call deleted it (of two racing rotations, one wins). */
export async function takeSession(db: Db, idHash: string): Promise<boolean> {
  const row = await db.deleteFrom('sessions').where('idHash', '=', idHash).returning('userId').executeTakeFirst();
  return row !== undefined;
}

export async function deleteSession(db: Db, idHash: string) {
  await db.deleteFrom('sessions').where('idHash', '=', idHash).execute();
}

export async function deleteSessionsOfUser(db: Db, userId: string) {
  await db.deleteFrom('sessions').where('userId', '=', userId).execute();
}

export async function deleteExpiredSessions(db: Db) {
  await db
    .deleteFrom('sessions')
    .where('expiresAt', '<=', sql<Date>`now()`)
    .execute();
}
