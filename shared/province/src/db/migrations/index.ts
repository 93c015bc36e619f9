import { FilterIndexes1765000000000 } from './FilterIndexes1765000000000';
import { IdempotencyChangePosition1766000000000 } from './IdempotencyChangePosition1766000000000';
import { InitialSchema1764000000000 } from './InitialSchema1764000000000';
import { AuditTrail1767000000000 } from './AuditTrail1767000000000';
import { InitiativeStatusReason1768000000000 } from './InitiativeStatusReason1768000000000';
import { PortTerminalLifecycle1769000000000 } from './PortTerminalLifecycle1769000000000';
import { InitiativeDetails1770000000000 } from './InitiativeDetails1770000000000';
import { CommitmentIdsWithLead1771000000000 } from './CommitmentIdsWithLead1771000000000';
import { Provenance1772000000000 } from './Provenance1772000000000';

export const MIGRATIONS = [InitialSchema1764000000000, FilterIndexes1765000000000, IdempotencyChangePosition1766000000000, AuditTrail1767000000000,
  InitiativeStatusReason1768000000000, PortTerminalLifecycle1769000000000,
  InitiativeDetails1770000000000, CommitmentIdsWithLead1771000000000, Provenance1772000000000];
