import { ProvinceRegistry } from './ProvinceRegistry';
import { provinceNames } from './ProvinceNames';

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
