import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError, Role, UnauthenticatedError } from '@jiebang/domain';
import { IS_PUBLIC_KEY } from '@jiebang/platform';
import { AuthenticatedRequest, ROLES_KEY } from './decorators';
import { TokenService } from './token.service';

/**
 * Global guard: every route needs a valid bearer token unless marked `@Public()`; a token sent to a public
 * route is still verified (a bad one is 401, never silently ignored). Then `@Roles()` is enforced.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets) ?? false;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header);
      if (!match) throw new UnauthenticatedError('The Authorization header must be "Bearer <token>".');
      request.actor = await this.tokens.verify(match[1]);
    }
    if (isPublic) return true;
    if (!request.actor) throw new UnauthenticatedError();
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(request.actor.role)) {
      throw new ForbiddenError(`This action is for ${roles.join(' or ')} accounts.`);
    }
    return true;
  }
}
