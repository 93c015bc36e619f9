import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProvinceRegistry, provinceServices, readProvinceServices } from '@yrd/domain';
import { parse } from 'yaml';
import { COMPOSE_FILE } from './compose';
import { generatedFiles } from './generatedFiles';
import { MARIADB_INIT_FILE } from './mariadbInit';
import { unintendedReach } from './testing/intent';
import { asModel, named, readManifests } from './testing/manifests';

const ANHUI = {
  code: 'ANHUI', subdivision: 'AH', defaultPort: 4005, name: { zh: '安徽', en: 'Anhui' },
  office: { nameZh: '安徽省人民政府口岸办公室', nameEn: 'Anhui Port Office' },
};

describe('a fourth province, added by its folder alone', () => {
  let dir: string;
  let registry: ProvinceRegistry;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'yrd-provinces-'));
    for (const p of provinceServices()) {
      mkdirSync(join(dir, p.code.toLowerCase()));
      copyFileSync(join(p.folder, 'province.json'), join(dir, p.code.toLowerCase(), 'province.json'));
    }
    mkdirSync(join(dir, 'anhui'));
    writeFileSync(join(dir, 'anhui', 'province.json'), JSON.stringify(ANHUI));
    registry = new ProvinceRegistry(undefined, readProvinceServices(dir));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const file = (path: string) => {
    const found = generatedFiles(registry).find((f) => f.path === path);
    if (!found) throw new Error(`no ${path}`);
    return found.content;
  };

  it('gets a compose service on its port with its own database user, and the others are told where it is', () => {
    expect(registry.codes).toEqual([...provinceServices().map((p) => p.code), 'ANHUI']);
    const compose = parse(file(COMPOSE_FILE)) as { services: Record<string, { command: string[]; environment: Record<string, string> }> };
    const anhui = compose.services.anhui;
    expect(anhui?.command).toEqual(['node', 'shared/province/dist/bin/province.js', 'subgraphs/anhui']);
    expect(anhui?.environment.PORT).toBe('4005');
    expect(anhui?.environment.DATABASE_URL).toBe('mysql://yrd_anhui:${ANHUI_DB_PASSWORD:?set ANHUI_DB_PASSWORD}@mariadb:3306');
    expect(compose.services.mariadb?.environment.ANHUI_DB_PASSWORD).toBe('${ANHUI_DB_PASSWORD:?set ANHUI_DB_PASSWORD}');
    for (const caller of ['gateway', 'region', 'zhejiang']) expect(compose.services[caller]?.environment.ANHUI_URL).toBe('http://anhui:4005/graphql');
    expect(compose.services.webhooks?.environment.ANHUI_URL).toBeUndefined();
  });

  it('gets a database user of its own from the init script', () => {
    expect(file(MARIADB_INIT_FILE)).toMatch(/^for owner in zhejiang shanghai jiangsu anhui webhooks; do$/m);
  });

  it('gets a Deployment, a database, a migration, an autoscaler and a disruption budget that validate', () => {
    const manifests = readManifests(generatedFiles(registry));
    for (const [kind, name] of [['Deployment', 'anhui'], ['Service', 'anhui'], ['HorizontalPodAutoscaler', 'anhui'],
      ['PodDisruptionBudget', 'anhui'], ['StatefulSet', 'anhui-db'], ['Service', 'anhui-db'], ['Secret', 'anhui-db'],
      ['Job', 'anhui-migrate'], ['NetworkPolicy', 'anhui-ingress'], ['NetworkPolicy', 'anhui-db-ingress']]) {
      const object = named(manifests, kind as string, name as string);
      expect(object).toBeDefined();
      if (object) expect(() => asModel(object).validate()).not.toThrow();
    }
  });

  it('is reached as every province is, and reaches only its own database', () => {
    expect(unintendedReach(registry)).toEqual([]);
  });
});
