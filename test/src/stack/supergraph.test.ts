import { readFileSync } from 'node:fs';
import { ProvinceRegistry } from '@yrd/domain';
import { SUPERGRAPH_FILE, composeSupergraph, subgraphDefinitions, CompositionError } from '@yrd/gateway';

describe('the supergraph file', () => {
  it('equals a fresh composition of the subgraphs\' SDL', () => {
    expect(readFileSync(SUPERGRAPH_FILE, 'utf8')).toBe(composeSupergraph(subgraphDefinitions(new ProvinceRegistry())));
  });

  it('fails loudly when the subgraphs do not compose', () => {
    const defs = subgraphDefinitions(new ProvinceRegistry());
    const broken = defs.map((d) => d.name === 'zhejiang' ? { ...d, typeDefs: d.typeDefs.replace('nameEn: String', 'nameEn: Int') } : d);
    expect(() => composeSupergraph(broken)).toThrow(CompositionError);
  });
});
