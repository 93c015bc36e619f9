/**
 * The named GraphQL operations behind the dashboard's figures, one per chart, sent to the gateway's /graphql with the
 * analyst's token (so the same authentication, limits and masking apply). Each is a file of gateway/operations/
 * dashboard, bundled as text, and in the persisted operations' manifest. ClearanceTimeSeries is also among the
 * explorer's saved operations.
 */
import clearanceTimeSeries from '../operations/dashboard/ClearanceTimeSeries.graphql';
import containerCapacity from '../operations/dashboard/ContainerCapacity.graphql';
import overdueMilestones from '../operations/dashboard/OverdueMilestones.graphql';
import routesBetweenProvinces from '../operations/dashboard/RoutesBetweenProvinces.graphql';

/** A month, as the `YearMonth` scalar gives it: `2024-12`. */
export type YearMonth = string;

/** A province enum value (ZHEJIANG, SHANGHAI, JIANGSU; others may come: shown by their value). */
export type ProvinceValue = string;

/** Chart (a): clearance hours of seaports by province month by month, with the national target. */
export const CLEARANCE_TIME_SERIES = clearanceTimeSeries;

/** A published overall clearance time target (整体通关时间) in force in a month's year. */
export interface ClearanceTarget {
  readonly year: number;
  readonly importClearanceHours: number;
  readonly exportClearanceHours: number;
  readonly source: { readonly publisher: string; readonly title: string; readonly year: number };
}

export interface ClearanceTimeSeriesData {
  readonly clearanceTimeSeries: {
    readonly months: readonly {
      readonly period: YearMonth;
      readonly provinces: readonly {
        readonly province: ProvinceValue;
        readonly portCount: number;
        readonly averageImportClearanceHours: number | null;
        readonly averageExportClearanceHours: number | null;
        readonly target: ClearanceTarget | null;
        /** The average import hours less the target's (positive: slower than the target); null without either. */
        readonly importExcessClearanceHours: number | null;
        readonly exportExcessClearanceHours: number | null;
      }[];
      readonly region: {
        readonly portCount: number;
        readonly averageImportClearanceHours: number | null;
        readonly averageExportClearanceHours: number | null;
        readonly target: ClearanceTarget | null;
      };
    }[];
  };
}

/** Chart (b): container throughput and design capacity of each province in one month. */
export const CONTAINER_CAPACITY = containerCapacity;

export interface ContainerCapacityData {
  readonly regionalCapacity: {
    readonly period: YearMonth;
    readonly provinces: readonly {
      readonly province: ProvinceValue;
      readonly terminalCount: number;
      /** TEU a year. */
      readonly designCapacityTeu: number;
      readonly portCount: number;
      /** TEU in the month. */
      readonly throughputTeu: number;
    }[];
    readonly region: { readonly throughputTeu: number; readonly designCapacityTeu: number };
  };
}

/** Chart (c): every route of the region, a page of 100 at a time (after: the previous page's endCursor). */
export const ROUTES_BETWEEN_PROVINCES = routesBetweenProvinces;

export type RouteModeValue = 'SEA' | 'AIR';

export interface RoutesBetweenProvincesData {
  readonly routes: {
    readonly nodes: readonly ({
      readonly id: string;
      readonly mode: RouteModeValue;
      readonly origin: { readonly province: ProvinceValue | null };
      /** Null when the province publishing it could not be reached. */
      readonly destination: { readonly province: ProvinceValue | null; readonly code: string } | null;
    } | null)[];
    readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
  };
}

/** At most this many pages of routes (2,000 routes) for one chart. */
export const MAX_ROUTE_PAGES = 20;

/** Chart (d): the first 100 milestones past their due date, most overdue first. */
export const OVERDUE_MILESTONES = overdueMilestones;

export interface OverdueMilestonesData {
  readonly overdueMilestones: {
    readonly totalCount: number;
    readonly nodes: readonly ({
      readonly lead: ProvinceValue;
      readonly title: string;
      readonly due: string;
      readonly responsibleUnit: string;
      readonly daysOverdue: number;
      readonly initiative: { readonly id: string } | null;
    } | null)[];
  };
}
