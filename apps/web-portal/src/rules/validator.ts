import type { TFunction } from 'i18next';
import type { RuleProblem } from './form-rules';

/** An Ant Design form rule from one of the pure checks in form-rules.ts, with its message translated. */
export function ruleOf<T>(t: TFunction, check: (value: T) => RuleProblem | null) {
  return {
    validator: async (_rule: unknown, value: T) => {
      const problem = check(value);
      if (problem) throw new Error(t(problem.key, problem.values ?? {}));
    },
  };
}
