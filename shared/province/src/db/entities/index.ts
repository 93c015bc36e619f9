import { CapacityRecordRow } from './CapacityRecordRow';
import { ChangeEventRow } from './ChangeEventRow';
import { CommitmentRow } from './CommitmentRow';
import { IdempotencyRow } from './IdempotencyRow';
import { InitiativeRow } from './InitiativeRow';
import { MilestoneRow } from './MilestoneRow';
import { CLEARANCE_FIELDS, PortRow, type ClearanceField } from './PortRow';
import { ProvenanceColumns } from './ProvenanceColumns';
import { RouteRow } from './RouteRow';
import { TerminalCargoClassRow } from './TerminalCargoClassRow';
import { TerminalRow } from './TerminalRow';
import { TerminalStepRow } from './TerminalStepRow';

export {
  CLEARANCE_FIELDS, type ClearanceField, CapacityRecordRow, ChangeEventRow, CommitmentRow, IdempotencyRow, InitiativeRow, MilestoneRow, PortRow, ProvenanceColumns, RouteRow,
  TerminalCargoClassRow, TerminalRow, TerminalStepRow,
};

export const ENTITIES = [
  PortRow, TerminalRow, TerminalCargoClassRow, TerminalStepRow, CapacityRecordRow, RouteRow, InitiativeRow,
  MilestoneRow, CommitmentRow, ChangeEventRow, IdempotencyRow,
];
