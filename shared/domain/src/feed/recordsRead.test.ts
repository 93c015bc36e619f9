import {
  ANY_KIND, MAX_KEYS_READ, addRecordsRead, parseRecordRead, keysOfChange, recordsReadExtension, writtenChanges, type RecordsRead,
} from './recordsRead';

describe('what an answer says it was read from', () => {
  it('names kinds whole, or only some ports\' records of them, and a kind read whole covers its ports', () => {
    const read: RecordsRead = new Map([['ZHEJIANG', new Set(['Port@CNNGB', 'CapacityRecord@CNNGB', 'Route', 'Route@CNNGB'] as const)]]);
    expect(recordsReadExtension(read)).toEqual({ ZHEJIANG: ['CapacityRecord@CNNGB', 'Port@CNNGB', 'Route'] });
    read.set('SHANGHAI', new Set(['Port@CNSHA', ANY_KIND]));
    expect(recordsReadExtension(read).SHANGHAI).toEqual([ANY_KIND]);
  });

  it('names a kind whole once more than MAX_KEYS_READ of its ports were read, so that its size stays bounded', () => {
    const ports = Array.from({ length: MAX_KEYS_READ + 1 }, (_, i) => `CN${String(i).padStart(3, '0')}`);
    const read: RecordsRead = new Map([['JIANGSU', new Set([...ports.map((p) => `Port@${p}` as const), 'Terminal@CN000'] as const)]]);
    expect(recordsReadExtension(read)).toEqual({ JIANGSU: ['Port', 'Terminal@CN000'] });
  });

  it('takes nothing it cannot read as an answer of ours: then the answer may depend on anything', () => {
    const into: RecordsRead = new Map();
    expect(addRecordsRead(into, { recordsRead: { ZHEJIANG: ['Port@CNNGB', 'CapacityRecord@2026-10', 'Route'] } })).toBe(true);
    expect([...into.get('ZHEJIANG')!]).toEqual(['Port@CNNGB', 'CapacityRecord@2026-10', 'Route']);
    for (const bad of ['CapacityRecord@2026-1', 'CapacityRecord@2026-10-01', 'Port@cnngb', 'Port@CN NGB', 'Berth@CNNGB', 'Port@', '@CNNGB', 'Port@CNNGB@X', 'Port@ABCDEFGHIJK']) {
      expect(parseRecordRead(bad)).toBeNull();
      expect(addRecordsRead(new Map(), { recordsRead: { ZHEJIANG: [bad] } })).toBe(false);
    }
    const tooMany = Array.from({ length: 1000 }, (_, i) => `Port@CN${i}`);
    expect(addRecordsRead(new Map(), { recordsRead: { ZHEJIANG: tooMany } })).toBe(false);
    expect(addRecordsRead(new Map(), undefined)).toBe(false);
  });

  it('knows the port and month a change touched where its key tells, and else none', () => {
    expect(keysOfChange('Port', 'CNNGB')).toEqual(['CNNGB']);
    expect(keysOfChange('CapacityRecord', 'CNNGB:CUSTOMS:2026-10')).toEqual(['CNNGB', '2026-10']);
    expect(keysOfChange('CapacityRecord', 'cap-1234')).toBeNull();
    // A change's own id (<PROVINCE>:<position>) is not its record's key.
    expect(keysOfChange('CapacityRecord', 'ZHEJIANG:123')).toBeNull();
    expect(keysOfChange('Port', 'ZHEJIANG:123')).toBeNull();
    expect(keysOfChange('Terminal', 'CNNGB-T1')).toBeNull();
    expect(keysOfChange('Route', 'CNNGB-R1')).toBeNull();
  });

  it('reads a write\'s changes with their keys, or none where one is not of this shape', () => {
    const change = { position: 7, entity: 'CapacityRecord', id: 'CNNGB:CUSTOMS:2026-10' };
    expect(writtenChanges({ changePositions: { ZHEJIANG: [change] } }, 'ZHEJIANG')).toEqual([change]);
    expect(writtenChanges({ changePositions: { ZHEJIANG: [{ position: 7, entity: 'CapacityRecord' }] } }, 'ZHEJIANG')).toBeNull();
    expect(writtenChanges({ changePositions: { ZHEJIANG: [{ ...change, id: 'x'.repeat(201) }] } }, 'ZHEJIANG')).toBeNull();
  });
});
