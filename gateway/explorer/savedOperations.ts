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
  provinces { province portCount averageImportClearanceHours p90ImportClearanceHours averageExportClearanceHours }
  region { averageImportClearanceHours p50ImportClearanceHours p90ImportClearanceHours }
}`,
  `# Seaports' customs clearance hours by province, month by month, beside the national target (the dashboard's
# first chart, at /dashboard/), with each province's hours over the target; a month without records has nulls.
query ClearanceTimeSeries($from: YearMonth! = "2024-01", $to: YearMonth! = "2024-12") {
  clearanceTimeSeries(from: $from, to: $to, portKinds: [SEAPORT]) {
    months {
      period
      provinces {
        province portCount averageImportClearanceHours averageExportClearanceHours
        target { year importClearanceHours exportClearanceHours source { publisher title year } }
        importExcessClearanceHours exportExcessClearanceHours
      }
      region {
        portCount averageImportClearanceHours averageExportClearanceHours
        target { year importClearanceHours exportClearanceHours source { publisher title year } }
      }
    }
  }
}`,
  `# Container capacity and throughput of each province, and the region's total.
query ContainerCapacityByProvince {
  regionalCapacity(period: "2024-12", cargoClass: CONTAINER) {
    period
    provinces { province terminalCount designCapacityTeu throughputTeu }
    region { terminalCount designCapacityTeu throughputTeu }
  }
}`,
  `# Container throughput and design capacity by province, month by month (port areas roll up to their port).
query CapacitySeries($from: YearMonth! = "2024-10", $to: YearMonth! = "2024-12") {
  capacitySeries(from: $from, to: $to, cargoClass: CONTAINER) {
    months {
      period
      provinces { province terminalCount portCount designCapacityTeu throughputTeu }
      region { designCapacityTeu throughputTeu }
    }
  }
}`,
  `# The national clearance-time baseline, targets and outcome the figures are compared with, with their sources.
query ClearanceTargets {
  clearanceTargets(first: 20) {
    nodes { year kind scope importClearanceHours exportClearanceHours estimated estimateBasis source { publisher title year } }
  }
}`,
  `# Find a port by what you know of it: a code (CNNGB), the carriers' code, IATA (NGB), a name (宁波) or pinyin (ningbo).
query SearchPorts($text: String! = "CNNGB") {
  searchPorts(text: $text, first: 10) {
    nodes { code province matchedOn matchedText score note port { ... on Port { nameEn nameZh kind } } }
  }
}`,
  `# Routes from one province to ports of another (change the provinces to compare).
query RoutesBetweenProvinces {
  routes(filter: { fromProvinces: [JIANGSU], toProvinces: [SHANGHAI] }, first: 50) {
    totalCount
    nodes {
      id mode carrier weeklyFrequency status
      origin { code nameEn province }
      destination { code nameEn province }
    }
  }
}`,
  `# Milestones of the joint initiatives past their due date, with who is responsible.
query OverdueMilestones {
  overdueMilestones(first: 50) {
    totalCount
    nodes {
      lead title due daysOverdue responsibleUnit
      initiative { id title partners }
    }
  }
}`,
  `# Every change of monthly clearance capacity, as it is recorded (pass a cursor as after to resume).
subscription CapacityChanges {
  clearanceCapacityChanged {
    id cursor province kind at actor changedFields
    record {
      ... on CapacityRecord { id period agency throughputTeu importClearanceHours port { code nameEn } }
    }
  }
}`,
  `# Two port offices side by side through office(province:), which every province answers alike:
# one fragment on ProvinceOffice fits them all (change the provinces to compare others).
query ProvinceOffices {
  zhejiang: office(province: ZHEJIANG) { ...Office }
  jiangsu: office(province: JIANGSU) { ...Office }
}
fragment Office on ProvinceOffice {
  province
  ports(orderBy: { field: IMPORT_CLEARANCE_HOURS, direction: DESC }) {
    totalCount
    nodes { code nameEn kind openingStatus clearance24x7 importClearanceHours }
  }
  openTerminals: terminals(filter: { stages: [OPENED, TEMPORARILY_OPENED] }) { totalCount }
  operatingRoutes: routes(filter: { statuses: [OPERATING] }) { totalCount }
  initiatives { nodes { id title status partners pendingPartners } }
}`,
  `# Who changed what, when, from which value to which, across the provinces: the latest changes first.
query AuditTrail {
  auditTrail(first: 20) {
    totalCount
    nodes { id province entity recordId kind at actor changes { field oldValue newValue } }
  }
}`,
  `# For a port office (an office token: npm run token -- office ZHEJIANG): register a terminal and walk its opening.
# Run RegisterTerminal, then AdvanceTerminal once per stage (APPLICATION_FILED, ACCEPTANCE_INSPECTION, START_OF_USE,
# OPENED) with the version each answer gives; every step lands in the audit trail.
mutation RegisterTerminal {
  zhejiang {
    registerTerminal(input: {
      portCode: "CNNBO", nameZh: "宁波舟山港新建集装箱码头", nameEn: "Ningbo-Zhoushan new container terminal",
      operator: "Ningbo Port Co.", cargoClasses: [CONTAINER], berths: 2, designCapacity: 1500000,
      capacityUnit: TEU_PER_YEAR, preparationOn: "2026-12-01"
    }) { terminal { id stage version steps { stage on } } changeCursor }
  }
}
mutation AdvanceTerminal($id: ID!, $stage: TerminalStage!, $on: Date!, $version: Int!) {
  zhejiang {
    advanceTerminalOpening(terminalId: $id, stage: $stage, on: $on, expectedVersion: $version) {
      terminal { id stage version steps { stage on } }
    }
  }
}`,
  `# For a port office (here Shanghai's): move a milestone's due date with the reason (the earlier date stays in the history).
mutation RescheduleMilestone($initiativeId: ID! = "SH-2020-LINKED", $seq: Int! = 4, $due: Date! = "2027-06-30", $version: Int!) {
  shanghai {
    rescheduleMilestone(initiativeId: $initiativeId, seq: $seq, due: $due, reason: "Waiting for the partners' data interfaces", expectedVersion: $version) {
      initiative { id version milestones { seq title due doneOn } history(first: 3) { nodes { at actor changes { field oldValue newValue } } } }
    }
  }
}`,
  `# Who this token is: its role, its province (for a port office) and the provinces it may change.
query Viewer {
  viewer { subject role province writableProvinces }
}`,
];
