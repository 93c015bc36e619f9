import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Actor } from '@yrd/domain';
import { ProvinceClient } from './ProvinceClient';
import { regionContext } from './RegionContext';

/** A province on loopback whose answers say they are the same for every reader while `everyReader` is true. */
async function province(everyReader: () => boolean) {
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({
        data: { zhejiang: { ports: { totalCount: 1 } } },
        extensions: { recordsRead: { ZHEJIANG: ['Port'] }, ...(everyReader() ? { sameForEveryReader: true } : {}) },
      }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, close: () => new Promise((r) => server.close(r)) };
}

const actor: Actor = { subject: 'analyst-1', role: 'analyst', province: null, scopes: [] };

describe('ProvinceClient', () => {
  it('keeps a request the same for every reader only while every province\'s answer to it says so', async () => {
    let everyReader = true;
    const zhejiang = await province(() => everyReader);
    const client = new ProvinceClient({ province: 'ZHEJIANG', url: zhejiang.url }, 2000);
    const ask = async () => {
      const ctx = regionContext(actor, { authorization: 'Bearer t' });
      await client.query('{ zhejiang { ports { totalCount } } }', {}, ctx);
      return ctx;
    };
    const same = await ask();
    expect(same.readerConsulted).toBe(false);
    expect(same.recordsRead.get('ZHEJIANG')).toEqual(new Set(['Port']));
    everyReader = false;
    expect((await ask()).readerConsulted).toBe(true);
    // Who is calling, read here, counts too.
    const viewer = regionContext(actor, {});
    expect(viewer.actor.subject).toBe('analyst-1');
    expect(viewer.readerConsulted).toBe(true);
    await zhejiang.close();
  });
});
