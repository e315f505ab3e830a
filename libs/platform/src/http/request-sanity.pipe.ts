import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { ValidationFailedError } from '@jiebang/domain';

export const MAX_JSON_DEPTH = 32;

const PRIMITIVES: unknown[] = [String, Number, Boolean, Object, Array];

/** Half of a UTF-16 surrogate pair on its own: not Unicode text (jsonb refuses it; text would store U+FFFD). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Runs before validation on every body, query and path parameter: refuses NUL characters (Postgres cannot
 * store them), lone UTF-16 surrogates (not Unicode: jsonb refuses them, text would store U+FFFD), nesting
 * deeper than 32 levels (it would exhaust the transformer's stack), and a body that is not a JSON object where
 * a DTO is expected. Walks iteratively, so hostile input cannot overflow the stack.
 */
@Injectable()
export class RequestSanityPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    if (metadata.type === 'body' && metadata.metatype && !PRIMITIVES.includes(metadata.metatype)) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new ValidationFailedError('The request body must be a JSON object.', [{ field: 'body', message: 'must be a JSON object' }]);
      }
    }
    // Field paths as the validation errors name them: `title`, `kpis.0.name`, `q`, `id`.
    const stack: Array<{ node: unknown; depth: number; path: string }> = [{ node: value, depth: 0, path: metadata.data ?? '' }];
    while (stack.length > 0) {
      const { node, depth, path } = stack.pop()!;
      if (typeof node === 'string') {
        if (node.includes('\u0000')) {
          throw new ValidationFailedError('Text must not contain NUL characters.', [
            { field: path || metadata.type, message: 'must not contain NUL (\\u0000) characters' },
          ]);
        }
        if (LONE_SURROGATE.test(node)) {
          throw new ValidationFailedError('Text must be well-formed Unicode.', [
            { field: path || metadata.type, message: 'must not contain lone UTF-16 surrogates' },
          ]);
        }
        continue;
      }
      if (typeof node !== 'object' || node === null) continue;
      if (depth >= MAX_JSON_DEPTH) {
        throw new ValidationFailedError(`JSON nested deeper than ${MAX_JSON_DEPTH} levels is refused.`, [
          { field: path || metadata.type, message: 'nested too deeply' },
        ]);
      }
      for (const [key, child] of Object.entries(node)) {
        if (key.includes('\u0000') || LONE_SURROGATE.test(key)) {
          throw new ValidationFailedError('Keys must be well-formed text without NUL characters.', [{ field: path || metadata.type, message: 'invalid key' }]);
        }
        stack.push({ node: child, depth: depth + 1, path: path ? `${path}.${key}` : key });
      }
    }
    return value;
  }
}
