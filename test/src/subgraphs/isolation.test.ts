import { readFileSync } from 'node:fs';
import {
  getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, isObjectType, isScalarType, type GraphQLInputType,
} from 'graphql';
import { SUPERGRAPH_FILE, apiSchemaOf } from '@yrd/gateway';
import { provinceServices, ProvinceRegistry } from '@yrd/domain';
import { analyst, officeOf, partner, snapshot, startStack, type GqlResponse, type TestStack } from '../harness';

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
 * Province isolation (issue 15), as a matrix: every mutation of every province's office, sent by each other province's
 * office, a partner system and an analyst, through the gateway and straight to the province's subgraph, is exactly
 * FORBIDDEN, and every province's database is unchanged. The mutations come from the schema, so a new one is covered
 * as it is added.
 */
describe('every mutation of every province, by someone who may not make it', () => {
  let stack: TestStack;
  beforeAll(async () => { stack = await startStack(); });
  afterAll(() => stack.stop());

  const registry = new ProvinceRegistry();
  const schema = apiSchemaOf(readFileSync(SUPERGRAPH_FILE, 'utf8'));
  const cases = provinceServices().flatMap(({ code }) => {
    const { field: root, typePrefix } = registry.names(code);
    const mutations = schema.getType(`${typePrefix}OfficeMutations`);
    return (isObjectType(mutations) ? Object.values(mutations.getFields()) : []).map((field) => {
      const args = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
      const declared = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
      const leaf = isObjectType(getNamedType(field.type)) ? '{ __typename }' : '';
      const call = `${field.name}${args.length ? `(${args.map((a) => `${a.name}: $${a.name}`).join(', ')})` : ''}`;
      return {
        province: code, mutation: field.name,
        query: `mutation${declared ? ` (${declared})` : ''} { ${root} { ${call} ${leaf} } }`,
        variables: Object.fromEntries(args.map((a) => [a.name, valueOf(a.type)])),
      };
    });
  });
  const outsiders = (province: string) => [
    ...provinceServices().filter((s) => s.code !== province).map((s) => [`${s.code} office`, officeOf(s.code)] as const),
    ['partner', partner] as const, ['analyst', analyst] as const,
  ];
  const everyDatabase = () => Promise.all(provinceServices().map((s) => snapshot(stack.provinces[s.code].database)));

  it('covers every mutation of every office', () => {
    for (const { code } of provinceServices()) expect(cases.filter((c) => c.province === code).length).toBeGreaterThanOrEqual(18);
  });

  it('refuses the lead\'s plumbing (_releaseCommitment) to anyone but the lead\'s office, and writes nothing', async () => {
    const before = await everyDatabase();
    for (const headers of [officeOf('JIANGSU'), officeOf('SHANGHAI'), partner, analyst]) {
      const res = await stack.provinces.SHANGHAI.gql('mutation { shanghai { _releaseCommitment(initiativeId: "ZJ-2006-EPORT", lead: ZHEJIANG) { __typename } } }', {}, headers);
      expect((res.errors ?? []).map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    }
    expect(await everyDatabase()).toEqual(before);
  });

  it.each(cases.map((c) => [c.province, c.mutation]))('refuses %s\'s %s with FORBIDDEN to every outsider, by either way in, and writes nothing', async (province, mutation) => {
    const { query, variables } = cases.find((c) => c.province === province && c.mutation === mutation)!;
    const before = await everyDatabase();
    const codes = (res: GqlResponse) => (res.errors ?? []).map((e) => e.extensions?.code);
    for (const [who, headers] of outsiders(province)) {
      const direct = await stack.provinces[province].gql(query, variables, headers);
      const throughGateway = await stack.gql(query, variables, headers);
      expect({ who, direct: codes(direct), throughGateway: codes(throughGateway) })
        .toEqual({ who, direct: ['FORBIDDEN'], throughGateway: ['FORBIDDEN'] });
    }
    expect(await everyDatabase()).toEqual(before);
  });
});
