import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The filters that had none yet: ports by e-port connection, terminals by stage (filter and aggregates), routes by mode. */
const INDEXES: readonly [table: string, index: TableIndex][] = [
  ['port', new TableIndex({ name: 'idx_port_eport_connection', columnNames: ['eport_connection'] })],
  ['terminal', new TableIndex({ name: 'idx_terminal_stage', columnNames: ['stage'] })],
  ['route', new TableIndex({ name: 'idx_route_mode', columnNames: ['mode'] })],
];

export class FilterIndexes1765000000000 implements MigrationInterface {
  name = 'FilterIndexes1765000000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, index] of INDEXES) await q.createIndex(table, index);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, index] of [...INDEXES].reverse()) await q.dropIndex(table, index);
  }
}
