import { provinceServices, provinceNames } from '@yrd/domain';
import { startTestProvince, type TestProvince } from '../harness';

describe.each(provinceServices().map((s) => s.code))('%s subgraph _service { sdl }', (province) => {
  let subgraph: TestProvince;
  beforeAll(async () => { subgraph = await startTestProvince(province); });
  afterAll(() => subgraph.stop());

  it('publishes its own @key types, key-less interfaces and resolvable:false stubs for the others', async () => {
    const res = await subgraph.gql('{ _service { sdl } }');
    const sdl = String((res.data?._service as { sdl: string }).sdl);
    const own = provinceNames(province).typePrefix;
    for (const kind of ['Port', 'Terminal', 'CapacityRecord', 'Route', 'Initiative', 'Commitment']) {
      const key = kind === 'Port' ? 'code' : 'id';
      expect(sdl).toMatch(new RegExp(`type ${own}${kind} implements ${kind}\\s+@key\\(fields: "${key}"\\)`));
      expect(sdl).toMatch(new RegExp(`interface ${kind} \\{`));
    }
    for (const other of provinceServices().filter((s) => s.code !== province)) {
      expect(sdl).toMatch(new RegExp(`type ${provinceNames(other.code).typePrefix}Port implements Port\\s+@key\\(fields: "code", resolvable: false\\)`));
    }
    expect(sdl).toContain(`${own.toLowerCase()}: ${own}Office`);
  });
});
