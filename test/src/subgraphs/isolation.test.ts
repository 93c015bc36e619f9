import { readFileSync } from 'node:fs';
import {
  getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, isObjectType, isScalarType, type GraphQLInputType,
} from 'graphql';
import { SUPERGRAPH_FILE, apiSchemaOf } from '@yrd/gateway';
import { analyst, officeOf, partner, snapshot, startTestProvince, type TestProvince } from '../harness';

const SCALARS: Record<string, unknown> = {
  ID: 'CNSGH-X1', String: 'x', Int: 1, Float: 1, Boolean: true, Date: '2025-01-01', DateTime: '2025-01-01T00:00:00Z', YearMonth: '2025-01',
};

/** A value of `type` that GraphQL accepts: every required field filled, nothing optional. */
function valueOf(type: GraphQLInputType): unknown {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return [valueOf(inner.ofType)];
  if (isEnumType(inner)) return inner.getValues()[0].name;
  if (isScalarType(inner)) return SCALARS[inner.name];
  if (isInputObjectType(inner)) {
    return Object.fromEntries(Object.values(inner.getFields()).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined)
      .map((f) => [f.name, valueOf(f.type)]));
  }
  throw new Error(`no value for ${String(type)}`);
}

/**
 * Province isolation at the province itself, not only through the gateway (issue 15): every mutation Shanghai's office
 * serves, sent straight to Shanghai's subgraph by another province's office, a partner system or an analyst, is
 * FORBIDDEN and writes nothing. The mutations come from the schema, so a new one is covered as it is added.
 */
describe('every mutation sent straight to a province, by someone who may not make it', () => {
  let shanghai: TestProvince;
  beforeAll(async () => { shanghai = await startTestProvince('SHANGHAI'); });
  afterAll(() => shanghai.stop());

  const schema = apiSchemaOf(readFileSync(SUPERGRAPH_FILE, 'utf8'));
  const mutations = schema.getType('ShanghaiOfficeMutations');
  const fields = isObjectType(mutations) ? Object.values(mutations.getFields()) : [];

  it('covers every mutation of the office', () => {
    expect(fields.length).toBeGreaterThanOrEqual(18);
  });

  it('refuses the lead\'s plumbing (_releaseCommitment) to anyone but the lead\'s office, and writes nothing', async () => {
    const before = await snapshot(shanghai.database);
    for (const headers of [officeOf('JIANGSU'), officeOf('SHANGHAI'), partner, analyst]) {
      const res = await shanghai.gql('mutation { shanghai { _releaseCommitment(initiativeId: "ZJ-2006-EPORT", lead: ZHEJIANG) { __typename } } }', {}, headers);
      expect((res.errors ?? []).map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    }
    expect(await snapshot(shanghai.database)).toEqual(before);
  });

  it.each(fields.map((f) => f.name))('refuses %s with FORBIDDEN to another office, a partner and an analyst, and writes nothing', async (name) => {
    const field = fields.find((f) => f.name === name)!;
    const args = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
    const declared = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
    const leaf = isObjectType(getNamedType(field.type)) ? '{ __typename }' : '';
    const query = `mutation${declared ? ` (${declared})` : ''} { shanghai { ${name}${args.length ? `(${args.map((a) => `${a.name}: $${a.name}`).join(', ')})` : ''} ${leaf} } }`;
    const variables = Object.fromEntries(args.map((a) => [a.name, valueOf(a.type)]));
    const before = await snapshot(shanghai.database);
    for (const headers of [officeOf('ZHEJIANG'), officeOf('JIANGSU'), partner, analyst]) {
      const res = await shanghai.gql(query, variables, headers);
      expect([name, (res.errors ?? []).map((e) => e.extensions?.code)]).toEqual([name, ['FORBIDDEN']]);
    }
    expect(await snapshot(shanghai.database)).toEqual(before);
  });
});
