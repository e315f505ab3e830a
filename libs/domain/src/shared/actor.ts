import { Role } from '../identity/roles';

/** Who is acting: the authenticated user as the domain sees them. */
export interface Actor {
  userId: string;
  role: Role;
  organizationId: string | null;
}
