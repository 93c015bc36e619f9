import { ANY_KIND } from '@yrd/domain';
import { UNKNOWN_TABLE } from '@yrd/storage';
import { checkTablesWritten, kindsRead } from './tablesOfKinds';

describe('the kinds of record behind the tables', () => {
  it('reads a table as every kind whose writes change it, and any kind for the audit trail or a table none writes', () => {
    expect([...kindsRead(['initiative', 'milestone'])]).toEqual(['Initiative']);
    // Customs capacity keeps the port's clearance hours on the port.
    expect([...kindsRead(['port'])].sort()).toEqual(['CapacityRecord', 'Port']);
    for (const table of ['change_event', 'idempotency_record', UNKNOWN_TABLE, 'sqlite_master']) {
      expect([...kindsRead(['route', table])]).toEqual([ANY_KIND]);
    }
  });

  it('lets a write change only the tables of the kinds it records changes of', () => {
    expect(() => checkTablesWritten(['capacity_record', 'port', 'change_event', 'idempotency_record'], ['CapacityRecord'])).not.toThrow();
    expect(() => checkTablesWritten(['terminal', 'port'], ['Terminal'])).toThrow(/changes of Terminal changed port: declare/);
    expect(() => checkTablesWritten(['route'], [])).toThrow(/changes of nothing changed route/);
  });
});
