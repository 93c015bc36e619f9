import type { EntityKind } from '../model';
import { PortDirectory, type DirectoryEntry } from './PortDirectory';
import { provinceNames, type ProvinceNames } from './ProvinceNames';
import { provinceServices, type ProvinceService } from './services';

/** A typed entity reference, as federation expects it: the concrete type and its key. */
export interface EntityRef {
  readonly __typename: string;
  readonly code?: string;
  readonly id?: string;
}

export const FOREIGN_PORT_TYPE = 'ForeignPort';

/**
 * Which province owns what: the served provinces (from the service list) and, for every port code, the province
 * whose subgraph publishes it. Used to emit typed references across provinces without asking anyone.
 */
export class ProvinceRegistry {
  readonly provinces: readonly (ProvinceService & { names: ProvinceNames })[];
  private readonly byCode: Map<string, ProvinceService & { names: ProvinceNames }>;

  constructor(
    readonly directory: PortDirectory = PortDirectory.load(),
    services: readonly ProvinceService[] = provinceServices(),
  ) {
    this.provinces = services.map((s) => ({ ...s, names: provinceNames(s.code) }));
    this.byCode = new Map(this.provinces.map((p) => [p.code, p]));
  }

  /** The provinces' codes, in service-list order. */
  get codes(): string[] {
    return this.provinces.map((p) => p.code);
  }

  isProvince(code: string): boolean {
    return this.byCode.has(code);
  }

  names(province: string): ProvinceNames {
    const found = this.byCode.get(province);
    if (!found) throw new Error(`unknown province ${province}`);
    return found.names;
  }

  /** The served province that publishes this port, or null (foreign, unknown, or a province with no subgraph). */
  provinceOfPort(code: string): string | null {
    const owner = this.directory.get(code)?.administeredBy;
    return owner && this.byCode.has(owner) ? owner : null;
  }

  /** The directory's port codes that this province administers. */
  portCodesOf(province: string): string[] {
    return this.directory.all().filter((e) => e.administeredBy === province).map((e) => e.code);
  }

  foreignPort(code: string): DirectoryEntry | null {
    const entry = this.directory.get(code);
    return entry && entry.administeredBy === null ? entry : null;
  }

  /** A typed reference to any port a route may call at; null when the code is not in the directory. */
  portRef(code: string): EntityRef | null {
    const province = this.provinceOfPort(code);
    if (province) return { __typename: this.names(province).typeName('Port'), code };
    if (this.foreignPort(code)) return { __typename: FOREIGN_PORT_TYPE, code };
    return null;
  }

  ref(kind: Exclude<EntityKind, 'Port'>, province: string, id: string): EntityRef {
    return { __typename: this.names(province).typeName(kind), id };
  }
}
