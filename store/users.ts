import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { InputError } from '../model/index.ts';
import type { Store } from './db.ts';
import { PASSWORD_MAX, passwordProblem } from './password-policy.ts';

export type UserRole = 'admin' | 'evaluator' | 'unit';

export interface UserRecord {
  id: number;
  username: string;
  displayName: string;
  role: UserRole;
  unitId: string | null; // only for role 'unit'
  disabled: boolean;
  createdAt: string;
}

export interface SessionRecord {
  user: UserRecord;
  csrfToken: string;
  expiresAt: string;
}

export class UserInputError extends InputError {}

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 64 };

/** scrypt with a per-user random salt; the parameters travel with the hash so they can be raised later. */
export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4], 'base64');
  const expected = Buffer.from(parts[5], 'base64');
  const key = scryptSync(password, salt, expected.length, { N, r, p, maxmem: 256 * N * r });
  return timingSafeEqual(key, expected);
}

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: string;
  unit_id: string | null;
  password_hash: string;
  disabled: number;
  created_at: string;
}

function toUser(r: UserRow): UserRecord {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role as UserRole,
    unitId: r.unit_id,
    disabled: !!r.disabled,
    createdAt: r.created_at,
  };
}

export function createUser(
  store: Store,
  u: { username: string; displayName?: string; role: UserRole; unitId?: string | null; password: string },
): UserRecord {
  const username = u.username.trim();
  if (!/^[A-Za-z0-9_.-]{2,64}$/.test(username))
    throw new UserInputError(`用户名 "${u.username}" 无效：只能用字母、数字、_.-，2 至 64 个字符`);
  if (!['admin', 'evaluator', 'unit'].includes(u.role)) throw new UserInputError(`角色 "${u.role}" 无效，应为 admin/evaluator/unit`);
  if (u.role === 'unit' && !u.unitId) throw new UserInputError('单位用户必须指定所属单位');
  if (u.role !== 'unit' && u.unitId) throw new UserInputError('只有单位用户可以指定所属单位');
  const weak = passwordProblem(u.password, username);
  if (weak) throw new UserInputError(weak);
  if (findUser(store, username)) throw new UserInputError(`用户 "${username}" 已存在`);
  const info = store.db
    .prepare('INSERT INTO users (username, display_name, role, unit_id, password_hash, created_at) VALUES (?,?,?,?,?,?)')
    .run(
      username,
      (u.displayName ?? username).trim() || username,
      u.role,
      u.role === 'unit' ? u.unitId : null,
      hashPassword(u.password),
      new Date().toISOString(),
    );
  return getUser(store, Number(info.lastInsertRowid))!;
}

export function getUser(store: Store, id: number): UserRecord | null {
  const r = store.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
  return r ? toUser(r) : null;
}

export function findUser(store: Store, username: string): UserRecord | null {
  const r = store.db.prepare('SELECT * FROM users WHERE username = ?').get(username.trim()) as UserRow | undefined;
  return r ? toUser(r) : null;
}

export function listUsers(store: Store): UserRecord[] {
  return (store.db.prepare('SELECT * FROM users ORDER BY role, username').all() as UserRow[]).map(toUser);
}

export function setUserPassword(store: Store, username: string, password: string): void {
  const user = findUser(store, username);
  if (!user) throw new UserInputError(`用户 "${username}" 不存在`);
  const weak = passwordProblem(password, user.username);
  if (weak) throw new UserInputError(weak);
  store.db.transaction(() => {
    store.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(hashPassword(password), user.id);
    store.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(user.id);
  })();
}

export function setUserDisabled(store: Store, username: string, disabled: boolean): void {
  const user = findUser(store, username);
  if (!user) throw new UserInputError(`用户 "${username}" 不存在`);
  store.db.transaction(() => {
    store.db.prepare('UPDATE users SET disabled = ? WHERE id = ?').run(disabled ? 1 : 0, user.id);
    if (disabled) store.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(user.id);
  })();
}

/** The user when the password matches an enabled account; the same work is done for unknown names. */
export function authenticate(store: Store, username: string, password: string): UserRecord | null {
  if (password.length > PASSWORD_MAX || username.length > 200) return null; // no account has such a password: no hashing
  const r = store.db.prepare('SELECT * FROM users WHERE username = ?').get(username.trim()) as UserRow | undefined;
  const ok = verifyPassword(password, r?.password_hash ?? dummyHash());
  return r && ok && !r.disabled ? toUser(r) : null;
}

// made on first use: scrypt costs tens of milliseconds, and every command that opens the store loads this module
let dummy: string | null = null;
const dummyHash = (): string => (dummy ??= hashPassword(randomBytes(12).toString('hex')));

const sessionKey = (token: string): string => createHash('sha256').update(token).digest('hex');

/** A new session: the raw token goes into the cookie, only its hash is stored. */
export function createSession(
  store: Store,
  userId: number,
  ttlMs: number,
  now = new Date(),
): { token: string; csrfToken: string; expiresAt: string } {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  store.db.prepare('DELETE FROM sessions WHERE expires_at < ?').run(now.toISOString());
  store.db
    .prepare('INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES (?,?,?,?,?)')
    .run(sessionKey(token), userId, csrfToken, now.toISOString(), expiresAt);
  return { token, csrfToken, expiresAt };
}

export function getSession(store: Store, token: string, now = new Date()): SessionRecord | null {
  if (!token || token.length > 200) return null;
  const r = store.db
    .prepare('SELECT s.csrf_token, s.expires_at, u.* FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ?')
    .get(sessionKey(token)) as (UserRow & { csrf_token: string; expires_at: string }) | undefined;
  if (!r || r.expires_at <= now.toISOString() || r.disabled) return null;
  return { user: toUser(r), csrfToken: r.csrf_token, expiresAt: r.expires_at };
}

export function deleteSession(store: Store, token: string): void {
  store.db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(sessionKey(token));
}
