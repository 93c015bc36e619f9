import { buildSchema, validate } from 'graphql';
import { Authenticator, authConfigFrom } from '../auth';
import { limitsFromEnv } from './limitsFromEnv';
import { serviceLimits } from './serviceLimits';
import { DEFAULT_OPERATION_LIMITS } from './operationLimits';

describe('service limits from the environment', () => {
  const authenticator = new Authenticator(authConfigFrom({ JWT_SECRET: 'x'.repeat(32) }, '/nonexistent'), ['ZHEJIANG']);

  it('keeps every default when no limit variable is set (unset values once switched limits off)', () => {
    expect(serviceLimits(limitsFromEnv({}), authenticator).operations).toEqual(DEFAULT_OPERATION_LIMITS);
  });

  it('takes the variables that are set, and only those', () => {
    const limits = serviceLimits(limitsFromEnv({ MAX_DEPTH: '12', MAX_ALIASES: '0' }), authenticator).operations;
    expect(limits).toEqual({ ...DEFAULT_OPERATION_LIMITS, maxDepth: 12, maxAliases: 0 });
  });

  it('refuses an operation with more root fields than the default allows, from an environment that sets none', () => {
    const { checks } = serviceLimits(limitsFromEnv({}), authenticator);
    const schema = buildSchema(`type Query { ${Array.from({ length: 20 }, (_, i) => `f${i}: Int`).join(' ')} }`);
    const roots = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `f${i}`).join(' ')} }`;
    const parse = checks.parse ?? ((): never => { throw new Error('the gateway parses within its limits'); });
    const codes = (n: number) => validate(schema, parse(roots(n)), checks.validationRules ?? []).map((e) => e.extensions.code);
    expect(codes(DEFAULT_OPERATION_LIMITS.maxRootFields)).toEqual([]);
    expect(codes(DEFAULT_OPERATION_LIMITS.maxRootFields + 1)).toEqual(['ROOT_FIELD_LIMIT_EXCEEDED']);
  });
});
