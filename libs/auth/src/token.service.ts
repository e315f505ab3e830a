import { createSecretKey } from 'node:crypto';
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
  /**
   * Signs and verifies with the secret as a KeyObject, made once. Given the string, jsonwebtoken would first try
   * to read it as a PEM public key on every verify (an OpenSSL parse failing with a thrown error) before making
   * this same secret key — about a tenth of bidding-service's CPU under load (bench/README.md, write path).
   */
  private readonly jwt: JwtService;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.jwt = new JwtService({ secret: createSecretKey(Buffer.from(config.jwt.secret, 'utf8')) });
  }

  get expiresInSeconds(): number {
    return this.config.jwt.expiresInSeconds;
  }

  issue(actor: Actor): Promise<string> {
    const claims: TokenClaims = { sub: actor.userId, role: actor.role, org: actor.organizationId };
    return this.jwt.signAsync(claims, {
      algorithm: JWT_ALGORITHM,
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
