import { buildSchema, parse, type DocumentNode, type ExecutionArgs } from 'graphql';
import { ValidatedDocuments, prepareOperation } from './prepareOperation';

const schema = () => buildSchema('type Query { port(code: ID!): String } type Subscription { changed(code: ID!): String }');
const SUBSCRIBE = 'subscription ($code: ID!) { changed(code: $code) }';

describe('preparing an operation sent over WebSocket or SSE', () => {
  it('parses and validates a document once per schema, and coerces each caller\'s own variables', () => {
    const parsed: string[] = [];
    const checks = { parse: (text: string): DocumentNode => { parsed.push(text); return parse(text); }, validated: new ValidatedDocuments() };
    const first = schema();
    const a = prepareOperation(first, { query: SUBSCRIBE, variables: { code: 'CNNBO' } }, checks) as Omit<ExecutionArgs, 'contextValue'>;
    const b = prepareOperation(first, { query: SUBSCRIBE, variables: { code: 'CNZOS' } }, checks) as Omit<ExecutionArgs, 'contextValue'>;
    expect(parsed).toHaveLength(1);
    expect(b.document).toBe(a.document);
    expect([a.variableValues, b.variableValues]).toEqual([{ code: 'CNNBO' }, { code: 'CNZOS' }]);
    // Variables are still checked per caller, and a new schema checks the document afresh.
    expect(prepareOperation(first, { query: SUBSCRIBE, variables: {} }, checks)).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    ]);
    prepareOperation(schema(), { query: SUBSCRIBE, variables: { code: 'CNNBO' } }, checks);
    expect(parsed).toHaveLength(2);
  });

  it('keeps nothing that failed, and no more text than its bound', () => {
    const parsed: string[] = [];
    const checks = { parse: (text: string): DocumentNode => { parsed.push(text); return parse(text); }, validated: new ValidatedDocuments(64 * 1024) };
    const s = schema();
    for (let i = 0; i < 2; i++) {
      expect(prepareOperation(s, { query: '{ nothing }' }, checks)).toEqual([
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' }) }),
      ]);
    }
    expect(parsed).toHaveLength(2);
    // Many distinct documents: the oldest go, within the bound.
    for (let i = 0; i < 500; i++) prepareOperation(s, { query: `{ port(code: "P${i}") }` }, checks);
    expect(checks.validated.of(s).calculatedSize).toBeLessThanOrEqual(64 * 1024);
    expect(checks.validated.of(s).size).toBeLessThan(500);
  });
});
