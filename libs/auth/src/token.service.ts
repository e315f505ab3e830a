import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Actor, ROLES, Role, UnauthenticatedError } from '@jiebang/domain';
import { APP_CONFIG, AppConfig } from '@jiebang/platform';

export const JWT_ALGORITHM = 'HS256' as const;

interface TokenClaims {
  sub: string;
  role: Role;
  org: string | null;
}

/**
 * Issues and verifies access tokens: algorithm pinned to HS256, issuer, audience and expiry always checked.
 * Any service with the same secret accepts a token issued by challenge-service.
 */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get expiresInSeconds(): number {
    return this.config.jwt.expiresInSeconds;
  }

  issue(actor: Actor): Promise<string> {
    const claims: TokenClaims = { sub: actor.userId, role: actor.role, org: actor.organizationId };
    return this.jwt.signAsync(claims, {
      algorithm: JWT_ALGORITHM,
      secret: this.config.jwt.secret,
      issuer: this.config.jwt.issuer,
      audience: this.config.jwt.audience,
      expiresIn: this.config.jwt.expiresInSeconds,
    });
  }

  async verify(token: string): Promise<Actor> {
    let claims: Partial<TokenClaims>;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token, {
        algorithms: [JWT_ALGORITHM],
        secret: this.config.jwt.secret,
        issuer: this.config.jwt.issuer,
        audience: this.config.jwt.audience,
      });
    } catch {
      throw new UnauthenticatedError('The access token is invalid or expired.');
    }
    const { sub, role, org } = claims;
    // A token without an expiry would never expire: refuse it even when correctly signed.
    if (typeof (claims as { exp?: unknown }).exp !== 'number' || typeof sub !== 'string' || !ROLES.includes(role as Role) || (org !== null && typeof org !== 'string')) {
      throw new UnauthenticatedError('The access token is invalid or expired.');
    }
    return { userId: sub, role: role as Role, organizationId: org ?? null };
  }
}
