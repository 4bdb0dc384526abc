// Who may hand out which role. Owners and admins manage people; only an owner makes (or
// unmakes) another owner, so an admin cannot take over a workspace.
import type { UserRole } from '@braid/db';
import type { Actor } from '../env';
import { ApiError } from '../errors';

export const MANAGERS: UserRole[] = ['owner', 'admin'];

export function assertMayGrant(actor: Actor, role: UserRole, field = 'role'): void {
  if (role === 'owner' && actor.role !== 'owner') {
    throw new ApiError(403, 'forbidden', 'Only an owner can make someone an owner', [{ field, message: 'owner needs an owner' }]);
  }
}

export function assertMayManage(actor: Actor, target: { role: UserRole }): void {
  if (target.role === 'owner' && actor.role !== 'owner') {
    throw new ApiError(403, 'forbidden', 'Only an owner can change or remove an owner', [{ field: 'id', message: 'the user is an owner' }]);
  }
}
