import { buildSchema, parse, print } from 'graphql';
import { RESUME_AFTER, resumableOperation } from './resumableOperation';

const schema = buildSchema(`
  type Query { ok: Boolean }
  type Event { cursor: String! id: ID! }
  type Other { id: ID! }
  type Subscription { changes(after: String, kinds: [String!]): Event! other(after: String): Other! plain: Event! }
`);

describe('resumableOperation', () => {
  it('binds after to the resume variable, selects the cursor under its alias and keeps the starting cursor', () => {
    const op = resumableOperation(schema, parse('subscription S { mine: changes(kinds: ["a"], after: "c1") { id } }'), 'S', {});
    expect(op?.responseKey).toBe('mine');
    expect(op?.variables).toEqual({ [RESUME_AFTER]: 'c1' });
    expect(print(op!.document)).toContain(`mine: changes(kinds: ["a"], after: $${RESUME_AFTER}) {\n    id\n    _resumeCursor: cursor`);
    expect(print(op!.document)).toContain(`subscription S($${RESUME_AFTER}: String)`);
  });

  it('takes the starting cursor from the subscriber\'s variable, and none when after is not given', () => {
    const withVariable = resumableOperation(schema, parse('subscription ($a: String) { changes(after: $a) { id } }'), undefined, { a: 'c9' });
    expect(withVariable?.variables).toEqual({ a: 'c9', [RESUME_AFTER]: 'c9' });
    const without = resumableOperation(schema, parse('subscription { changes { id } }'), undefined, {});
    expect(without?.variables).toEqual({ [RESUME_AFTER]: null });
  });

  it('leaves alone what it cannot resume: no cursor field, no after argument, several root fields, a query', () => {
    expect(resumableOperation(schema, parse('subscription { other { id } }'), undefined, {})).toBeNull();
    expect(resumableOperation(schema, parse('subscription { plain { id } }'), undefined, {})).toBeNull();
    expect(resumableOperation(schema, parse('subscription { changes { id } plain { id } }'), undefined, {})).toBeNull();
    expect(resumableOperation(schema, parse('{ ok }'), undefined, {})).toBeNull();
  });
});
