import { ANY_KIND } from '@yrd/domain';
import { UNKNOWN_TABLE } from '@yrd/storage';
import { checkTablesWritten, kindsRead, recordsReadIn } from './tablesOfKinds';

describe('the kinds of record behind the tables', () => {
  it('reads a table as every kind whose writes change it, and any kind for the audit trail or a table none writes', () => {
    expect([...kindsRead(['initiative', 'milestone'])]).toEqual(['Initiative']);
    // Customs capacity keeps the port's clearance hours on the port.
    expect([...kindsRead(['port'])].sort()).toEqual(['CapacityRecord', 'Port']);
    for (const table of ['change_event', 'idempotency_record', UNKNOWN_TABLE, 'sqlite_master']) {
      expect([...kindsRead(['route', table])]).toEqual([ANY_KIND]);
    }
  });

  it('reads a table read only by port codes as those ports\' records of each kind writing it, unless read whole too', () => {
    const keyed = (read: string[], byPort: [string, string[]][]) =>
      [...recordsReadIn({ read: new Set(read), written: new Set(), readByKey: new Map(byPort.map(([t, p]) => [t, new Set(p)])) })].sort();
    expect(keyed(['route'], [['port', ['CNNBO']], ['capacity_record', ['CNNBO', 'CNZOS']]]))
      .toEqual(['CapacityRecord@CNNBO', 'CapacityRecord@CNZOS', 'Port@CNNBO', 'Route']);
    expect(keyed(['port'], [['port', ['CNNBO']]])).toEqual(['CapacityRecord', 'CapacityRecord@CNNBO', 'Port', 'Port@CNNBO']);
    expect(keyed([], [['change_event', ['CNNBO']]])).toEqual([ANY_KIND]);
    expect(keyed([], [['capacity_record', ['2026-10']]])).toEqual(['CapacityRecord@2026-10']);
  });

  it('leaves out a kind writing only some columns of a table when no whole read of it named them', () => {
    const read = (columns: string[]) => [...recordsReadIn({
      read: new Set(['port', 'terminal']), written: new Set(), watchedColumnsRead: new Map([['port', new Set(columns)]]),
    })].sort();
    expect(read([])).toEqual(['Port', 'Terminal']);
    expect(read(['clearance_period'])).toEqual(['CapacityRecord', 'Port', 'Terminal']);
    // Not watched: every kind writing the table.
    expect([...kindsRead(['port'])].sort()).toEqual(['CapacityRecord', 'Port']);
  });

  it('leaves it out of a read by port codes likewise: a port read without its clearance hours is the port\'s alone', () => {
    const byPort = (columns: string[]) => [...recordsReadIn({
      read: new Set(), written: new Set(), readByKey: new Map([['port', new Set(['CNNBO'])]]),
      watchedColumnsReadByKey: new Map([['port', new Set(columns)]]),
    })].sort();
    expect(byPort([])).toEqual(['Port@CNNBO']);
    expect(byPort(['import_clearance_hours'])).toEqual(['CapacityRecord@CNNBO', 'Port@CNNBO']);
  });

  it('lets a write change only the tables of the kinds it records changes of', () => {
    expect(() => checkTablesWritten(['capacity_record', 'change_event', 'idempotency_record'], ['CapacityRecord'])).not.toThrow();
    expect(() => checkTablesWritten(['terminal', 'port'], ['Terminal'])).toThrow(/changes of Terminal changed port: declare/);
    // Capacity writes only the port's clearance columns, and adds no port.
    const set = (columns: string[] | null) => new Map([['port', columns && new Set(columns)]]);
    expect(() => checkTablesWritten(['capacity_record', 'port'], ['CapacityRecord'], set(['import_clearance_hours', 'clearance_period']))).not.toThrow();
    expect(() => checkTablesWritten(['port'], ['CapacityRecord'], set(['name_en']))).toThrow(/changes of CapacityRecord changed port/);
    expect(() => checkTablesWritten(['port'], ['CapacityRecord'], set(null))).toThrow(/changes of CapacityRecord changed port/);
    expect(() => checkTablesWritten(['port'], ['CapacityRecord', 'Port'], set(null))).not.toThrow();
    expect(() => checkTablesWritten(['route'], [])).toThrow(/changes of nothing changed route/);
  });
});
