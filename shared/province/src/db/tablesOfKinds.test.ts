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
  });

  it('lets a write change only the tables of the kinds it records changes of', () => {
    expect(() => checkTablesWritten(['capacity_record', 'port', 'change_event', 'idempotency_record'], ['CapacityRecord'])).not.toThrow();
    expect(() => checkTablesWritten(['terminal', 'port'], ['Terminal'])).toThrow(/changes of Terminal changed port: declare/);
    expect(() => checkTablesWritten(['route'], [])).toThrow(/changes of nothing changed route/);
  });
});
