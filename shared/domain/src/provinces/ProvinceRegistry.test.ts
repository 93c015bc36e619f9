import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProvinceRegistry } from './ProvinceRegistry';
import { provinceNames } from './ProvinceNames';
import { provinceServices, readProvinceServices } from './services';

describe('province registry', () => {
  const registry = new ProvinceRegistry();
  it('assigns a port to the office that administers it, not to the subdivision it is listed under', () => {
    expect(registry.provinceOfPort('CNYSA')).toBe('SHANGHAI');
    expect(registry.provinceOfPort('CNNBO')).toBe('ZHEJIANG');
    expect(registry.provinceOfPort('CNTAC')).toBe('JIANGSU');
  });
  it('keeps the official codes: CNSHA is Hongqiao airport, CNNGB Ningbo airport', () => {
    expect(registry.directory.get('CNSHA')?.name).toMatch(/Hongqiao/);
    expect(registry.directory.get('CNNGB')?.name).toMatch(/Lishe/);
  });
  it('makes typed references to any province\'s port and to foreign ports', () => {
    expect(registry.portRef('CNNBO')).toEqual({ __typename: 'ZhejiangPort', code: 'CNNBO' });
    expect(registry.portRef('NLRTM')).toEqual({ __typename: 'ForeignPort', code: 'NLRTM' });
    expect(registry.portRef('CNHFE')).toBeNull(); // Anhui runs no subgraph yet
    expect(registry.portRef('XXZZZ')).toBeNull();
  });
  it('derives every name from the province code', () => {
    expect(provinceNames('ZHEJIANG')).toEqual(expect.objectContaining({ typePrefix: 'Zhejiang', field: 'zhejiang', database: 'yrd_zhejiang' }));
    expect(provinceNames('INNER_MONGOLIA').typeName('Port')).toBe('InnerMongoliaPort');
  });
});

describe('province folders', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yrd-provinces-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const config = (code: string, over: Record<string, unknown> = {}) => ({
    code, subdivision: code.slice(0, 2), defaultPort: 4005, name: { zh: '安徽', en: 'Anhui' }, office: { nameZh: '口岸办', nameEn: 'Port Office' }, ...over,
  });
  /** A folder of province folders: each [folder name, province.json text]. */
  const folders = (entries: [string, string][]) => {
    const root = mkdtempSync(join(dir, 'case-'));
    for (const [name, text] of entries) {
      mkdirSync(join(root, name));
      writeFileSync(join(root, name, 'province.json'), text);
    }
    mkdirSync(join(root, 'region'));
    return root;
  };

  it('reads this repository\'s three, in default-port order, and skips folders without a province.json (region, webhooks)', () => {
    expect(provinceServices().map((s) => [s.code, s.subdivision, s.defaultPort])).toEqual([['ZHEJIANG', 'ZJ', 4002], ['SHANGHAI', 'SH', 4003], ['JIANGSU', 'JS', 4004]]);
    expect(readProvinceServices(folders([['anhui', JSON.stringify(config('ANHUI'))]])).map((s) => s.code)).toEqual(['ANHUI']);
  });

  it.each([
    ['a file that is not JSON', [['anhui', '{ "code": "ANHUI", ']], /anhui[/\\]province\.json: .*JSON/],
    ['a folder named other than its code', [['wan', JSON.stringify(config('ANHUI'))]], /must be named anhui/],
    ['a code with an underscore', [['an_hui', JSON.stringify(config('AN_HUI'))]], /upper-case letters only/],
    ['a code another service has', [['region2', JSON.stringify(config('REGION'))]], /names another service/],
    ['a port of another service', [['anhui', JSON.stringify(config('ANHUI', { defaultPort: 4000 }))]], /defaultPort 4000 is taken/],
    ['two provinces of one subdivision', [['anhui', JSON.stringify(config('ANHUI'))], ['anqing', JSON.stringify(config('ANQING', { defaultPort: 4006 }))]], /subdivision AN is another province's/],
    ['a field it does not know', [['anhui', JSON.stringify(config('ANHUI', { port: 1 }))]], /port/],
  ] as [string, [string, string][], RegExp][])('refuses %s, naming the file', (_what, entries, message) => {
    expect(() => readProvinceServices(folders(entries))).toThrow(message);
  });
});
