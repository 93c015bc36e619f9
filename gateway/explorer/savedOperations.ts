/** The operations analysts start from: one tab each, named by its operation. */
export const SAVED_OPERATIONS: readonly string[] = [
  `# Ports of the whole region that clear customs around the clock, slowest import clearance first.
query PortsClearing24x7 {
  ports(filter: { clearance24x7: true }, orderBy: { field: IMPORT_CLEARANCE_HOURS, direction: DESC }, first: 50) {
    totalCount
    nodes { code province nameEn nameZh kind importClearanceHours exportClearanceHours }
  }
}`,
  `# Average and percentile customs clearance hours per province, month by month.
query ClearanceTimeTrends {
  dec2020: clearanceTimes(period: "2020-12") { ...Times }
  dec2021: clearanceTimes(period: "2021-12") { ...Times }
  oct2024: clearanceTimes(period: "2024-10") { ...Times }
  nov2024: clearanceTimes(period: "2024-11") { ...Times }
  dec2024: clearanceTimes(period: "2024-12") { ...Times }
}
fragment Times on ClearanceTimes {
  period
  provinces { province ports averageImportHours p90ImportHours averageExportHours }
  region { averageImportHours p50ImportHours p90ImportHours }
}`,
  `# Container capacity and throughput of each province, and the region's total.
query ContainerCapacityByProvince {
  regionalCapacity(period: "2024-12", cargoClass: CONTAINER) {
    period
    provinces { province terminals designCapacityTeu throughputTeu }
    region { terminals designCapacityTeu throughputTeu }
  }
}`,
  `# Routes from one province to ports of another (change the provinces to compare).
query RoutesBetweenProvinces {
  routes(filter: { fromProvinces: [JIANGSU], toProvinces: [SHANGHAI] }) {
    id mode carrier weeklyFrequency status
    origin { code nameEn province }
    destination { code nameEn province }
  }
}`,
  `# Milestones of the joint initiatives past their due date, with who is responsible.
query OverdueMilestones {
  overdueMilestones {
    lead title due daysOverdue responsibleUnit
    initiative { id title partners }
  }
}`,
  `# Every change of monthly clearance capacity, as it is recorded (pass a cursor as after to resume).
subscription CapacityChanges {
  clearanceCapacityChanged {
    cursor province kind at actor
    capacityRecord { id period agency throughputTeu importClearanceHours port { code nameEn } }
  }
}`,
];
