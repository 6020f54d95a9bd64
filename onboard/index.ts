// Public API of onboard/: from a unit list and a portal address to a county config (zwgk init), and what a
// config will and will not let the crawler see (zwgk doctor).
export { loadUnitList, parseUnitListText, parseUnitListCsv, parseUnitListXlsx, parseUnitClass, UnitListError } from './unit-list.ts';
export type { PlannedUnit, UnitListProblem } from './unit-list.ts';
export { assignUnitIds } from './unit-ids.ts';
export { splitUnitName, looksLikeUnitName, countyForms } from './name-parts.ts';
export type { NameParts } from './name-parts.ts';
export { scoreName, matchUnits, alignInOrder, entryName, CANDIDATE_SCORE, TIE_MARGIN } from './name-match.ts';
export type { NameScore, NavEntry, CandidateLink, UnitMatch, MatchResult } from './name-match.ts';
export { walkPortal, navEntriesOf, portalHosts } from './portal-walk.ts';
export type { PortalWalk, WalkedPage, WalkOptions } from './portal-walk.ts';
export { accountRowsOf, accountsByUnit } from './new-media-page.ts';
export type { AccountRow, FoundAccount } from './new-media-page.ts';
export { runInit, initConfigYaml } from './init-config.ts';
export type { InitOptions, InitOutcome, InitRow } from './init-config.ts';
export { textTable, displayWidth, plain } from './text-table.ts';
export { diagnoseConfig, DECLARED_IN } from './doctor.ts';
export type { Diagnosis, UnitDiagnosis, ColumnCheck, FeedCheck, PageCheck } from './doctor.ts';
export { doctorTable, doctorHtml } from './doctor-report.ts';
