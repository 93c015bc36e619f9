/** The operations analysts start from: one tab each, named by its operation (gateway/operations/explorer, in file order). */
import portsClearing24x7 from '../operations/explorer/01-PortsClearing24x7.graphql';
import clearanceTimeTrends from '../operations/explorer/02-ClearanceTimeTrends.graphql';
// The dashboard's first chart, as a tab: one operation, so that the two never drift apart.
import clearanceTimeSeries from '../operations/dashboard/ClearanceTimeSeries.graphql';
import containerCapacityByProvince from '../operations/explorer/04-ContainerCapacityByProvince.graphql';
import capacitySeries from '../operations/explorer/05-CapacitySeries.graphql';
import clearanceTargets from '../operations/explorer/06-ClearanceTargets.graphql';
import searchPorts from '../operations/explorer/07-SearchPorts.graphql';
import routesBetweenProvinces from '../operations/explorer/08-RoutesBetweenProvinces.graphql';
import overdueMilestones from '../operations/explorer/09-OverdueMilestones.graphql';
import capacityChanges from '../operations/explorer/10-CapacityChanges.graphql';
import provinceOffices from '../operations/explorer/11-ProvinceOffices.graphql';
import auditTrail from '../operations/explorer/12-AuditTrail.graphql';
import registerTerminal from '../operations/explorer/13-RegisterTerminal.graphql';
import rescheduleMilestone from '../operations/explorer/14-RescheduleMilestone.graphql';
import viewer from '../operations/explorer/15-Viewer.graphql';

export const SAVED_OPERATIONS: readonly string[] = [
  portsClearing24x7,
  clearanceTimeTrends,
  clearanceTimeSeries,
  containerCapacityByProvince,
  capacitySeries,
  clearanceTargets,
  searchPorts,
  routesBetweenProvinces,
  overdueMilestones,
  capacityChanges,
  provinceOffices,
  auditTrail,
  registerTerminal,
  rescheduleMilestone,
  viewer,
];
