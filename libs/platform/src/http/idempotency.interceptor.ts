import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import {
  Actor,
  canonicalJson,
  IdempotencyInProgressError,
  IdempotencyKeyReusedError,
  IdempotencyRepository,
  sha256Hex,
  ValidationFailedError,
} from '@jiebang/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { catchError, from, Observable, of, switchMap, throwError } from 'rxjs';

const IDEMPOTENT_SCOPE = 'jiebang:idempotent-scope';

/** Marks a creating route as honouring `Idempotency-Key` (API.md "Idempotency"); `scope` names the resource. */
export const Idempotent = (scope: string): MethodDecorator => SetMetadata(IDEMPOTENT_SCOPE, scope);

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * The same key from the same user within 24 h replays the first successful response (`Idempotent-Replayed:
 * true`) and creates nothing; a different body is 422 IDEMPOTENCY_KEY_REUSED; while the first is still running,
 * 409 IDEMPOTENCY_IN_PROGRESS. A failed request releases its key so the client can retry.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: IdempotencyRepository,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const scope = this.reflector.get<string | undefined>(IDEMPOTENT_SCOPE, context.getHandler());
    const request = context.switchToHttp().getRequest<FastifyRequest & { actor?: Actor }>();
    const header = request.headers['idempotency-key'];
    if (!scope || header === undefined || !request.actor) return next.handle();
    const key = Array.isArray(header) ? header[0] : header;
    if (!KEY_PATTERN.test(key)) {
      throw new ValidationFailedError('Idempotency-Key must be 1–255 visible ASCII characters.', [
        { field: 'Idempotency-Key', message: 'must be 1–255 visible ASCII characters' },
      ]);
    }
    const userId = request.actor.userId;
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const status =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ??
      (request.method === 'POST' ? HttpStatus.CREATED : HttpStatus.OK);
    const requestHash = sha256Hex(canonicalJson({ route: request.routeOptions.url, body: request.body ?? null }));

    return from(this.keys.claim(userId, scope, key, requestHash)).pipe(
      switchMap((claim) => {
        switch (claim.kind) {
          case 'reused':
            throw new IdempotencyKeyReusedError();
          case 'in-progress':
            throw new IdempotencyInProgressError();
          case 'replay':
            void reply.status(claim.status).header('idempotent-replayed', 'true');
            return of(claim.body);
          case 'claimed':
            return next.handle().pipe(
              switchMap((body: unknown) =>
                from(this.keys.complete(userId, scope, key, status, body ?? null)).pipe(switchMap(() => of(body))),
              ),
              catchError((error: unknown) =>
                from(this.keys.release(userId, scope, key).catch(() => undefined)).pipe(switchMap(() => throwError(() => error))),
              ),
            );
        }
      }),
    );
  }
}
