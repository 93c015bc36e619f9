import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One UN/LOCODE entry: a port of the region or a foreign port its routes serve. */
export interface DirectoryEntry {
  readonly code: string;
  readonly name: string;
  /** Country (foreign ports) or CN. */
  readonly country: string;
  /** The province whose office administers the port; null for foreign ports. */
  readonly administeredBy: string | null;
  /** UN/LOCODE function string: position 1 sea, 4 air, 8 inland water. */
  readonly function: string;
  readonly iata: string | null;
}

const DATA_DIR = join(__dirname, '..', '..', 'data');

function readCsv(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(join(DATA_DIR, file), 'utf8').trim().split(/\r?\n/);
  const columns = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((value, i) => [columns[i], value.trim()])));
}

/**
 * The UN/LOCODE reference lists shipped with the product: the region's ports (with the office that administers
 * each, which is not always the subdivision: Yangshan is listed under Zhejiang but run by Shanghai) and the
 * foreign ports that routes serve.
 */
export class PortDirectory {
  private readonly entries = new Map<string, DirectoryEntry>();

  constructor(regional: readonly DirectoryEntry[], foreign: readonly DirectoryEntry[]) {
    for (const entry of [...regional, ...foreign]) this.entries.set(entry.code, entry);
  }

  static load(): PortDirectory {
    const regional = readCsv('unlocode-yrd.csv').map((r) => ({
      code: r.locode, name: r.name, country: 'CN', administeredBy: r.administeredBy, function: r.function,
      iata: r.iata || null,
    }));
    const foreign = readCsv('unlocode-foreign.csv').map((r) => ({
      code: r.locode, name: r.name, country: r.country, administeredBy: null, function: r.function,
      iata: r.iata || null,
    }));
    return new PortDirectory(regional, foreign);
  }

  get(code: string): DirectoryEntry | undefined {
    return this.entries.get(code);
  }

  all(): DirectoryEntry[] {
    return [...this.entries.values()];
  }
}
