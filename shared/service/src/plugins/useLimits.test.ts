import { buildSchema, validate } from 'graphql';
import { DEFAULT_OPERATION_LIMITS, limitsFromEnv, withDefaults } from '../limits';
import { useLimits } from './useLimits';

describe('service limits from the environment', () => {
  it('keeps every default when no limit variable is set (unset values once switched limits off)', () => {
    expect(withDefaults(limitsFromEnv({}).operations)).toEqual(DEFAULT_OPERATION_LIMITS);
  });

  it('takes the variables that are set, and only those', () => {
    const limits = withDefaults(limitsFromEnv({ MAX_DEPTH: '12', MAX_ALIASES: '0' }).operations);
    expect(limits).toEqual({ ...DEFAULT_OPERATION_LIMITS, maxDepth: 12, maxAliases: 0 });
  });

  it('refuses an operation with more root fields than the default allows, from an environment that sets none', () => {
    const checks = useLimits(withDefaults(limitsFromEnv({}).operations));
    const schema = buildSchema(`type Query { ${Array.from({ length: 20 }, (_, i) => `f${i}: Int`).join(' ')} }`);
    const roots = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `f${i}`).join(' ')} }`;
    const parse = checks.parse ?? ((): never => { throw new Error('the limits parse within the token limit'); });
    const codes = (n: number) => validate(schema, parse(roots(n)), checks.validationRules ?? []).map((e) => e.extensions.code);
    expect(codes(DEFAULT_OPERATION_LIMITS.maxRootFields)).toEqual([]);
    expect(codes(DEFAULT_OPERATION_LIMITS.maxRootFields + 1)).toEqual(['ROOT_FIELD_LIMIT_EXCEEDED']);
  });

  it('refuses variables with more values than the limit, counting nested lists and objects, and stops counting there', () => {
    const limits = withDefaults({ maxVariableValues: 10 });
    const { onOperation } = useLimits(limits);
    const attempt = (variables: unknown) => () => onOperation?.({ headers: {}, address: '::1', query: undefined, variables, transport: 'http' });
    expect(attempt({ codes: Array(9).fill('CNNBO') })).not.toThrow();
    // 1 (input) + 2 (its fields) + 2 (milestones) + 4 (their fields) + 1 = 10.
    expect(attempt({ input: { milestones: [{ a: 1, b: 2 }, { a: 1, b: 2 }], more: [1] } })).not.toThrow();
    expect(attempt({ input: { milestones: [{ a: 1, b: 2 }, { a: 1, b: 2 }], more: [1, 2] } }))
      .toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'VARIABLE_LIMIT_EXCEEDED' }) }));
    expect(attempt({ codes: Array(1_000_000).fill(1e20) })).toThrow(/Variable value limit of 10 exceeded/);
  });
});
