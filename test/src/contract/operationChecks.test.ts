import { ProvinceRegistry } from '@yrd/domain';
import { buildArtifacts, readOperationFiles, subgraphDefinitions, type SubgraphDefinition } from '@yrd/gateway';

/**
 * The build's operation check: every operation clients use (gateway/operations: the explorer's, the dashboard's, the
 * partners') is validated against the newly composed supergraph, and a subgraph change that would break one fails
 * the build, naming the operation, its file and the field.
 */
describe('operation checks at the build', () => {
  const operations = readOperationFiles();
  const definitions = subgraphDefinitions(new ProvinceRegistry());
  const changeRegion = (change: (typeDefs: string) => string): SubgraphDefinition[] =>
    definitions.map((d) => (d.name === 'region' ? { ...d, typeDefs: change(d.typeDefs) } : d));

  it('finds the operations of all three folders, each named, and builds today\'s supergraph with them', () => {
    const folders = new Set(operations.map((o) => o.file.split('/')[0]));
    expect(folders).toEqual(new Set(['explorer', 'dashboard', 'partners']));
    expect(operations.every((o) => o.name && /^[0-9a-f]{64}$/.test(o.id))).toBe(true);
    const { manifest } = buildArtifacts(definitions, operations);
    expect(manifest.format).toBe('apollo-persisted-query-manifest');
    expect(manifest.operations.map((o) => o.name)).toEqual(expect.arrayContaining(['ChangeCursor', 'ChangesSince', 'ClearanceTimeSeries', 'Viewer']));
  });

  it('fails when a subgraph removes a field an operation uses, naming the operation, its file and the field', () => {
    // Renamed: the field clients ask for is gone from the schema (its description stays with the new name).
    const removed = changeRegion((sdl) => sdl.replace(/^(\s*)changeCursor: String!$/m, '$1changeCursorAt: String!'));
    expect(removed).not.toEqual(definitions);
    expect(() => buildArtifacts(removed, operations)).toThrow(
      /ChangeCursor \(gateway\/operations\/partners\/ChangeCursor\.graphql\):\n\s+Cannot query field "changeCursor" on type "Query"\./);
  });

  it('passes when a subgraph adds a field', () => {
    const added = changeRegion((sdl) => sdl.replace('type Query {', 'type Query {\n  portOfTheMonth: Port'));
    expect(added).not.toEqual(definitions);
    const { supergraph } = buildArtifacts(added, operations);
    expect(supergraph).toContain('portOfTheMonth');
  });
});
