import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { randomBytes } from 'node:crypto';
import { ProvinceRegistry } from '@yrd/domain';
import { Authenticator } from '@yrd/service';
import { createGateway } from './createGateway';
import { composeSupergraph } from './supergraph/composeSupergraph';
import { subgraphDefinitions } from './supergraph/subgraphDefinitions';
import { SUPERGRAPH_FILE } from './supergraph/supergraphFile';

describe('the gateway and its supergraph file', () => {
  it('starts with no subgraph running, and serves a new supergraph once the file changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yrd-supergraph-'));
    const file = join(dir, 'supergraph.graphql');
    copyFileSync(SUPERGRAPH_FILE, file);
    const authenticator = new Authenticator({
      keys: { algorithm: 'HS256', secret: randomBytes(32) }, issuer: 'test', audience: 'test', source: 'test', delegation: null,
    }, new ProvinceRegistry().codes);
    const token = await authenticator.issue({ subject: 'analyst', role: 'analyst' });
    const { server, gateway, subscriptions } = createGateway({ supergraphFile: file, authenticator });
    await server.start();
    // Subscriptions are planned with the gateway's own planner (one copy of the supergraph), the new one after a reload.
    const sharesPlanner = () => (subscriptions as unknown as { state: { planner: unknown } }).state.planner === gateway.__testing().queryPlanner;
    const queryFields = async () => {
      const res = await request(server.httpServer).post('/graphql').set('content-type', 'application/json')
        .set('authorization', `Bearer ${token}`)
        .send({ query: '{ __type(name: "Query") { fields { name } } }' });
      return (res.body.data.__type.fields as { name: string }[]).map((f) => f.name);
    };
    try {
      expect(await queryFields()).not.toContain('portOfTheMonth');
      expect(sharesPlanner()).toBe(true);
      const defs = subgraphDefinitions(new ProvinceRegistry()).map((d) => d.name === 'region'
        ? { ...d, typeDefs: d.typeDefs.replace('type Query {', 'type Query {\n  portOfTheMonth: Port') } : d);
      writeFileSync(file, composeSupergraph(defs));
      const deadline = Date.now() + 5000;
      let fields = await queryFields();
      while (!fields.includes('portOfTheMonth') && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        fields = await queryFields();
      }
      expect(fields).toContain('portOfTheMonth');
      expect(sharesPlanner()).toBe(true);
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
