import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { bool, double, int, key, text, varchar, versioned } from '@yrd/storage';

/** The province schema: ports, terminals, capacity records, routes, initiatives, commitments and the outbox. */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: 'port',
      columns: [
        key(varchar('code', 5)), varchar('kind', 12), varchar('name_zh', 100), varchar('name_en', 100),
        varchar('city', 60), varchar('customs_district', 40, true), varchar('opening_status', 24),
        bool('clearance_24x7'), bool('clearance_on_holidays'), varchar('eport_connection', 16),
        varchar('iata', 3, true), varchar('icao', 4, true), varchar('commercial_alias', 5, true),
        varchar('parent_code', 5, true), double('import_clearance_hours', true), double('export_clearance_hours', true),
        varchar('clearance_period', 7, true), ...versioned,
      ],
      indices: [
        new TableIndex({ name: 'idx_port_kind', columnNames: ['kind'] }),
        new TableIndex({ name: 'idx_port_name_en', columnNames: ['name_en'] }),
        new TableIndex({ name: 'idx_port_opening_status', columnNames: ['opening_status'] }),
        new TableIndex({ name: 'idx_port_import_hours', columnNames: ['import_clearance_hours'] }),
      ],
    }));
    await q.createTable(new Table({
      name: 'terminal',
      columns: [
        key(varchar('id', 40)), varchar('port_code', 5), varchar('name', 120), varchar('operator', 120), int('berths'),
        double('design_capacity'), varchar('capacity_unit', 24), varchar('stage', 24), ...versioned,
      ],
      indices: [new TableIndex({ name: 'idx_terminal_port', columnNames: ['port_code'] })],
      foreignKeys: [new TableForeignKey({
        name: 'fk_terminal_port', columnNames: ['port_code'], referencedTableName: 'port', referencedColumnNames: ['code'], onDelete: 'RESTRICT', onUpdate: 'RESTRICT',
      })],
    }));
    await q.createTable(new Table({
      name: 'terminal_cargo_class',
      columns: [key(varchar('terminal_id', 40)), key(varchar('cargo_class', 16))],
      indices: [new TableIndex({ name: 'idx_terminal_cargo_class', columnNames: ['cargo_class'] })],
      foreignKeys: [new TableForeignKey({
        name: 'fk_cargo_class_terminal', columnNames: ['terminal_id'], referencedTableName: 'terminal',
        referencedColumnNames: ['id'], onDelete: 'RESTRICT', onUpdate: 'RESTRICT',
      })],
    }));
    await q.createTable(new Table({
      name: 'terminal_step',
      columns: [
        key(varchar('terminal_id', 40)), key(int('seq')), varchar('stage', 24), varchar('on_date', 10),
        varchar('note', 500, true),
      ],
      indices: [new TableIndex({ name: 'idx_terminal_step_terminal', columnNames: ['terminal_id'] })],
      foreignKeys: [new TableForeignKey({
        name: 'fk_step_terminal', columnNames: ['terminal_id'], referencedTableName: 'terminal',
        referencedColumnNames: ['id'], onDelete: 'RESTRICT', onUpdate: 'RESTRICT',
      })],
    }));
    await q.createTable(new Table({
      name: 'capacity_record',
      columns: [
        key(varchar('id', 40)), varchar('port_code', 5), varchar('agency', 24), varchar('period', 7),
        double('throughput_teu', true), double('throughput_tonnes', true), int('flights', true), int('passengers', true),
        double('avg_import_hours', true), double('avg_export_hours', true), bool('clearance_24x7'), ...versioned,
      ],
      indices: [
        new TableIndex({
          name: 'uq_capacity_port_agency_period', columnNames: ['port_code', 'agency', 'period'], isUnique: true,
        }),
        new TableIndex({ name: 'idx_capacity_period', columnNames: ['period'] }),
      ],
      foreignKeys: [new TableForeignKey({
        name: 'fk_capacity_port', columnNames: ['port_code'], referencedTableName: 'port', referencedColumnNames: ['code'], onDelete: 'RESTRICT', onUpdate: 'RESTRICT',
      })],
    }));
    await q.createTable(new Table({
      name: 'route',
      columns: [
        key(varchar('id', 40)), varchar('mode', 4), varchar('carrier', 100), varchar('origin_code', 5),
        varchar('destination_code', 5), double('weekly_frequency'), varchar('status', 12), varchar('opened_on', 10, true),
        ...versioned,
      ],
      indices: [
        new TableIndex({ name: 'idx_route_origin', columnNames: ['origin_code'] }),
        new TableIndex({ name: 'idx_route_destination', columnNames: ['destination_code'] }),
        new TableIndex({ name: 'idx_route_status', columnNames: ['status'] }),
      ],
      foreignKeys: [new TableForeignKey({
        name: 'fk_route_origin', columnNames: ['origin_code'], referencedTableName: 'port', referencedColumnNames: ['code'], onDelete: 'RESTRICT', onUpdate: 'RESTRICT',
      })],
    }));
    await q.createTable(new Table({
      name: 'initiative',
      columns: [
        key(varchar('id', 40)), varchar('title', 200), varchar('category', 20), varchar('status', 12),
        varchar('partners', 200), varchar('start_on', 10), ...versioned,
      ],
      indices: [new TableIndex({ name: 'idx_initiative_status', columnNames: ['status'] })],
    }));
    await q.createTable(new Table({
      name: 'milestone',
      columns: [
        key(varchar('initiative_id', 40)), key(int('seq')), varchar('title', 200), varchar('due', 10),
        varchar('done_on', 10, true), varchar('responsible_agency', 120),
      ],
      indices: [new TableIndex({ name: 'idx_milestone_due', columnNames: ['due'] })],
      foreignKeys: [new TableForeignKey({
        name: 'fk_milestone_initiative', columnNames: ['initiative_id'], referencedTableName: 'initiative',
        referencedColumnNames: ['id'], onDelete: 'RESTRICT', onUpdate: 'RESTRICT',
      })],
    }));
    await q.createTable(new Table({
      name: 'commitment',
      columns: [
        key(varchar('id', 64)), varchar('initiative_id', 40), varchar('lead_province', 20), varchar('summary', 500),
        varchar('responsible_agency', 120), varchar('due', 10, true), varchar('status', 12), ...versioned,
      ],
      indices: [new TableIndex({ name: 'idx_commitment_initiative', columnNames: ['initiative_id'] })],
    }));
    await q.createTable(new Table({
      name: 'change_event',
      columns: [
        { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        varchar('province', 20), varchar('entity', 20), varchar('entity_id', 64), varchar('kind', 8), varchar('at', 24),
        varchar('actor', 100), text('changed_fields'),
      ],
    }));
    await q.createTable(new Table({
      name: 'idempotency_record',
      columns: [
        key(varchar('actor', 100)), key(varchar('idempotency_key', 100)), varchar('mutation', 40),
        varchar('request_hash', 64), varchar('result_key', 64), varchar('created_at', 24),
      ],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'idempotency_record', 'change_event', 'commitment', 'milestone', 'initiative', 'route', 'capacity_record',
      'terminal_step', 'terminal_cargo_class', 'terminal', 'port',
    ]) await q.dropTable(table);
  }
}
