import type { DataSource } from 'typeorm';
import type { ProvinceRegistry } from '@yrd/domain';
import type { PeerProvinces } from '../PeerProvinces';
import { InitiativeWriter } from './InitiativeWriter';
import { PortWriter } from './PortWriter';
import { WriteRunner } from './WriteRunner';

/** The office mutations of one province, by what they change. */
export interface ProvinceWriters {
  readonly ports: PortWriter;
  readonly initiatives: InitiativeWriter;
}

/**
 * The writers of one province over one WriteRunner: every write of the province queues behind the same runner (one
 * SQLite connection). `committed` runs after each write that committed (the change feed reads its event at once).
 */
export function provinceWriters(
  ds: DataSource, registry: ProvinceRegistry, province: string, peers: PeerProvinces, committed: () => void = () => undefined,
): ProvinceWriters {
  const runner = new WriteRunner(ds, province, committed);
  return { ports: new PortWriter(runner, registry, province), initiatives: new InitiativeWriter(runner, registry, province, peers) };
}
