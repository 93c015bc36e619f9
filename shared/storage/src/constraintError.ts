import { QueryFailedError } from 'typeorm';
import { DomainError, ErrorCode } from '@yrd/domain';

interface DriverError {
  code?: string;
  errno?: number;
}

/**
 * A database constraint the input broke, as the caller's error: a duplicate key is CONFLICT, a missing reference or a
 * value the column cannot hold is BAD_USER_INPUT. Anything else is null (masked as internal). The messages name no
 * table, column or SQL.
 */
export function constraintError(error: unknown): DomainError | null {
  if (!(error instanceof QueryFailedError)) return null;
  const driver = (error as QueryFailedError & { driverError?: DriverError }).driverError ?? {};
  const code = String(driver.code ?? '');
  if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'ER_DUP_ENTRY') {
    return new DomainError(ErrorCode.CONFLICT, 'A record with this key already exists: reload it and change it instead');
  }
  if (['SQLITE_CONSTRAINT_FOREIGNKEY', 'ER_NO_REFERENCED_ROW', 'ER_NO_REFERENCED_ROW_2', 'ER_ROW_IS_REFERENCED_2'].includes(code)) {
    return new DomainError(ErrorCode.BAD_USER_INPUT, 'The input refers to a record that does not exist, or one still referred to');
  }
  if (['ER_DATA_TOO_LONG', 'ER_TRUNCATED_WRONG_VALUE', 'ER_TRUNCATED_WRONG_VALUE_FOR_FIELD', 'ER_WARN_DATA_TRUNCATED',
    'ER_WARN_DATA_OUT_OF_RANGE', 'ER_CHECK_CONSTRAINT_VIOLATED', 'ER_BAD_NULL_ERROR', 'SQLITE_CONSTRAINT_NOTNULL',
    'SQLITE_CONSTRAINT_CHECK'].includes(code)) {
    return new DomainError(ErrorCode.BAD_USER_INPUT, 'A value does not fit what the record can hold');
  }
  return null;
}
