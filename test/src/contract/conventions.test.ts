import { readFileSync } from 'node:fs';
import {
  getNamedType, isEnumType, isInputObjectType, isInterfaceType, isListType, isNonNullType, isObjectType, isScalarType,
  isUnionType, type GraphQLArgument, type GraphQLField, type GraphQLInputField, type GraphQLNamedType, type GraphQLSchema,
  type GraphQLType,
} from 'graphql';
import { SUPERGRAPH_FILE, apiSchemaOf } from '@yrd/gateway';
import { MAX_PAGE_SIZE } from '@yrd/domain';

/**
 * The schema conventions of the README's "Schema" section, checked over the composed supergraph as clients see it
 * (the API schema: no federation plumbing, no @inaccessible elements).
 */
const schema: GraphQLSchema = apiSchemaOf(readFileSync(SUPERGRAPH_FILE, 'utf8'));
const BUILT_IN = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);
const types = Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith('__') && !BUILT_IN.has(t.name));

type Element = { path: string; name: string; description?: string | null; type?: GraphQLType };
const fieldsOf = (t: GraphQLNamedType): GraphQLField<unknown, unknown>[] =>
  isObjectType(t) || isInterfaceType(t) ? Object.values(t.getFields()) : [];
const inputFieldsOf = (t: GraphQLNamedType): GraphQLInputField[] => (isInputObjectType(t) ? Object.values(t.getFields()) : []);

/** Every output field, argument, input field and enum value, with where it is. */
const outputFields: (Element & { field: GraphQLField<unknown, unknown>; owner: GraphQLNamedType })[] = types.flatMap((t) =>
  fieldsOf(t).map((field) => ({ path: `${t.name}.${field.name}`, name: field.name, description: field.description, type: field.type, field, owner: t })));
const args: (Element & { arg: GraphQLArgument })[] = types.flatMap((t) => fieldsOf(t).flatMap((f) =>
  f.args.map((arg) => ({ path: `${t.name}.${f.name}(${arg.name})`, name: arg.name, description: arg.description, type: arg.type, arg }))));
const inputFields: Element[] = types.flatMap((t) => inputFieldsOf(t).map((f) =>
  ({ path: `${t.name}.${f.name}`, name: f.name, description: f.description, type: f.type })));
const enumValues: Element[] = types.flatMap((t) => (isEnumType(t) ? t.getValues() : []).map((v) =>
  ({ path: `${t.name}.${v.name}`, name: v.name, description: v.description })));
const valued = [...outputFields, ...args, ...inputFields];

const isList = (type: GraphQLType | undefined): boolean =>
  !!type && (isListType(type) || (isNonNullType(type) && isListType(type.ofType)));
const namedTypeOf = (e: Element) => (e.type ? getNamedType(e.type).name : '');

describe('the composed schema follows the conventions', () => {
  it('describes every public type, field, argument, input field and enum value', () => {
    const missing = [
      ...types.map((t) => ({ path: t.name, description: t.description })),
      ...outputFields, ...args, ...inputFields, ...enumValues,
    ].filter((e) => !e.description?.trim()).map((e) => e.path);
    expect(missing).toEqual([]);
  });

  it('names in descriptions only what the schema has, never an internal function', () => {
    const known = new Set([...types.map((t) => t.name), ...valued.map((e) => e.name), ...enumValues.map((e) => e.name)]);
    const described = [...types.map((t) => ({ path: t.name, description: t.description })), ...valued, ...enumValues];
    const strangers = described.flatMap((e) => (e.description?.match(/\b[a-z]+[A-Z][A-Za-z0-9]*\b/g) ?? [])
      .filter((word) => !known.has(word)).map((word) => `${e.path}: ${word}`));
    expect(strangers).toEqual([]);
  });

  it('keeps plumbing between subgraphs out of the public schema', () => {
    const office = schema.getType('ZhejiangOffice');
    expect(isObjectType(office) && Object.keys(office.getFields())).not.toEqual(expect.arrayContaining(['capacitySummaries']));
    expect(types.map((t) => t.name)).not.toEqual(expect.arrayContaining(['CapacitySummary', 'ClearanceSample']));
  });

  it('spells names as the GraphQL conventions do: types PascalCase, fields and arguments camelCase, enum values upper case', () => {
    expect(types.map((t) => t.name).filter((n) => !/^[A-Z][A-Za-z0-9]*$/.test(n))).toEqual([]);
    expect(valued.map((e) => e.path).filter((p) => !/[.(][a-z][A-Za-z0-9]*\)?$/.test(p))).toEqual([]);
    expect(enumValues.map((e) => e.path).filter((p) => !/\.[A-Z][A-Z0-9_]*$/.test(p))).toEqual([]);
  });

  // The README's naming table, one check per concept.
  it('gives clearance hours one name: ...ClearanceHours', () => {
    expect(valued.filter((e) => /hours/i.test(e.name) && !/ClearanceHours$/.test(e.name)).map((e) => e.path)).toEqual([]);
  });

  it('names port-code filters portCodes (or originPortCodes, destinationPortCodes), other key filters ...Ids, list arguments in the plural', () => {
    const lists = [...args, ...inputFields].filter((e) => isList(e.type));
    expect(lists.filter((e) => !/s$/.test(e.name)).map((e) => e.path)).toEqual([]);
    const idLists = lists.filter((e) => namedTypeOf(e) === 'ID');
    expect(idLists.filter((e) => !/(^portCodes|PortCodes|^[a-z]+Ids)$/.test(e.name)).map((e) => e.path)).toEqual([]);
    expect(idLists.filter((e) => /^portCodes$/.test(e.name)).length).toBeGreaterThanOrEqual(3);
  });

  it('types every period as YearMonth, and never a time as a String', () => {
    const periods = valued.filter((e) => /^period$|Period$|Month$/.test(e.name));
    expect(periods.length).toBeGreaterThan(5);
    expect(periods.filter((e) => namedTypeOf(e) !== 'YearMonth').map((e) => e.path)).toEqual([]);
    const bounds = valued.filter((e) => /^(from|to)$/.test(e.name));
    expect(bounds.filter((e) => !['YearMonth', 'Date', 'DateTime'].includes(namedTypeOf(e))).map((e) => e.path)).toEqual([]);
  });

  it('uses Int for counts and Float only for measures, each measure with its unit in its name or description', () => {
    const counts = valued.filter((e) => /Count$|^(passengers|flights|berths|seq|version|daysOverdue)$/.test(e.name));
    expect(counts.length).toBeGreaterThan(8);
    expect(counts.filter((e) => namedTypeOf(e) !== 'Int').map((e) => e.path)).toEqual([]);
    const floats = valued.filter((e) => namedTypeOf(e) === 'Float');
    const unit = /hours|TEU|tonnes|passengers a year|a week|capacityUnit/i;
    expect(floats.filter((e) => !unit.test(`${e.name} ${e.description ?? ''}`)).map((e) => e.path)).toEqual([]);
  });

  it('makes every list that can grow a connection, and states the bound of every other list', () => {
    const plainLists = outputFields.filter((e) => isList(e.type) && !(/Connection$/.test(e.owner.name) && e.name === 'nodes')
      && !(/Connection$/.test(e.owner.name) && e.name === 'edges'));
    const unbounded = plainLists.filter((e) => !/at most|one per/i.test(e.description ?? ''));
    expect(unbounded.map((e) => e.path)).toEqual([]);
    expect(outputFields.filter((e) => e.owner.name === 'Query' && isList(e.type)).map((e) => e.path)).toEqual([]);
  });

  it('gives every connection the Relay shape, its page arguments and its page size limit', () => {
    const isConnection = (t: GraphQLNamedType) => isObjectType(t) && /Connection$/.test(t.name) && 'pageInfo' in t.getFields();
    const connections = outputFields.filter((e) => e.type && isConnection(getNamedType(e.type)));
    expect(connections.length).toBeGreaterThanOrEqual(16);
    for (const c of connections) {
      expect([c.path, c.field.args.map((a) => a.name)]).toEqual([c.path, expect.arrayContaining(['first', 'after', 'last', 'before'])]);
      const first = c.field.args.find((a) => a.name === 'first');
      expect([c.path, first?.description]).toEqual([c.path, expect.stringContaining(`at most ${MAX_PAGE_SIZE}`)]);
      const type = getNamedType(c.field.type);
      expect(isObjectType(type) && Object.keys(type.getFields()).sort()).toEqual(['edges', 'nodes', 'pageInfo', 'totalCount']);
    }
    const pageInfo = schema.getType('PageInfo');
    expect(isObjectType(pageInfo) && Object.keys(pageInfo.getFields()).sort())
      .toEqual(['endCursor', 'hasNextPage', 'hasPreviousPage', 'startCursor']);
  });

  it('answers every write with its own nullable payload, so that one failure never hides another', () => {
    const recordWrites = outputFields.filter((e) => /OfficeMutations$/.test(e.owner.name));
    expect(recordWrites.length).toBeGreaterThanOrEqual(7 * 4);
    const writes = [...recordWrites, ...outputFields.filter((e) => e.owner.name === 'Mutation' && /Webhook/.test(e.name))];
    expect(writes.filter((e) => isNonNullType(e.type) || !/Payload$/.test(namedTypeOf(e))).map((e) => e.path)).toEqual([]);
    // A record's write commits a change event, and its payload says where to follow on from (a webhook's does not).
    const recordPayloads = new Set(recordWrites.map(namedTypeOf));
    const payloads = types.filter((t) => recordPayloads.has(t.name));
    expect(payloads.filter((t) => !fieldsOf(t).some((f) => f.name === 'changeCursor')).map((t) => t.name)).toEqual([]);
  });

  it('lets one document serve every province: every office implements ProvinceOffice, every office\'s writes ProvinceOfficeMutations', () => {
    const offices = types.filter((t) => /Office$/.test(t.name) && isObjectType(t));
    expect(offices.map((t) => t.name).sort()).toEqual(['JiangsuOffice', 'ShanghaiOffice', 'ZhejiangOffice']);
    for (const office of offices) {
      expect(isObjectType(office) && office.getInterfaces().map((i) => i.name)).toEqual(['ProvinceOffice']);
      const writes = schema.getType(`${office.name}Mutations`);
      expect(isObjectType(writes) && writes.getInterfaces().map((i) => i.name)).toEqual(['ProvinceOfficeMutations']);
    }
  });

  it('makes a province\'s own fields non-null on its own types', () => {
    const own = types.filter((t) => isObjectType(t) && /^(Zhejiang|Shanghai|Jiangsu)(Port|Terminal|CapacityRecord|Route|Initiative|Commitment)$/.test(t.name));
    expect(own).toHaveLength(18);
    // Nullable only where a value may really be absent, or where another province's record is referenced.
    const mayBeAbsent = /^(customsDistrict|iata|icao|commercialAlias|parentCode|importClearanceHours|exportClearanceHours|clearancePeriod|throughputTeu|throughputTonnes|flights|passengers|openedOn|due|destination|initiative|commitments|pendingPartners|statusReason|retiredOn|retiredReason|description|source|estimateBasis)$/;
    // A terminal's Chinese name and an initiative's Chinese title are new: the seed has none yet (a port's is required).
    const absentOn = (t: GraphQLNamedType, f: string) => mayBeAbsent.test(f) || (/Terminal$/.test(t.name) && f === 'nameZh')
      || (/Initiative$/.test(t.name) && f === 'titleZh');
    const nullable = own.flatMap((t) => fieldsOf(t).filter((f) => !isNonNullType(f.type) && !absentOn(t, f.name)).map((f) => `${t.name}.${f.name}`));
    expect(nullable).toEqual([]);
  });

  it('has a ChangeEvent with its own id beside the record\'s, and a union for the changed record', () => {
    const event = schema.getType('ChangeEvent');
    expect(isObjectType(event) && Object.keys(event.getFields())).toEqual(expect.arrayContaining(['id', 'recordId', 'record']));
    const union = schema.getType('ChangedRecord');
    expect(isUnionType(union) && union.getTypes()).toHaveLength(18);
  });

  it('declares the custom scalars it uses', () => {
    // JSONObject: a webhook's variables, as graphql-scalars defines it.
    expect(types.filter(isScalarType).map((t) => t.name).sort()).toEqual(['Date', 'DateTime', 'JSONObject', 'YearMonth']);
  });
});
