import type { ColumnType, Generated, Selectable } from 'kysely';

/** Database types, camelCase through Kysely's CamelCasePlugin (the SQL stays snake_case). */
export type Localized = { da: string; en: string };
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface UsersTable {
  id: Generated<string>;
  email: string;
  displayName: string;
  passwordHash: string | null;
  locale: Generated<'da' | 'en'>;
  disabledAt: Date | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface UserRolesTable {
  userId: string;
  role: string;
  grantedAt: Generated<Date>;
}

export interface SessionsTable {
  idHash: string;
  userId: string;
  createdAt: Generated<Date>;
  expiresAt: Timestamp;
}

export interface ConsultationsTable {
  id: Generated<string>;
  slug: string;
  title: Json<Localized>;
  summary: Json<Localized>;
  body: Json<Localized>;
  languages: ColumnType<string[], string[] | undefined, string[]>;
  phase: Generated<string>;
  opensAt: Timestamp | null;
  closesAt: Timestamp | null;
  itStage: Generated<string>;
  version: Generated<number>;
  createdBy: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface ConsultationDocumentsTable {
  id: Generated<string>;
  consultationId: string;
  title: Json<Localized>;
  url: string;
  mediaType: string | null;
  sizeBytes: ColumnType<string | null, number | null | undefined, number | null>;
  position: number;
  createdAt: Generated<Date>;
}

export interface ConsultationPhaseChangesTable {
  id: Generated<string>;
  consultationId: string;
  fromPhase: string;
  toPhase: string;
  changedBy: string | null;
  changedAt: Generated<Date>;
}

export interface ScenariosTable {
  id: Generated<string>;
  consultationId: string;
  key: string;
  title: Json<Localized>;
  summary: Json<Localized>;
  position: number;
  status: Generated<string>;
  statusRound: Generated<number>;
  currentVersion: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface ScenarioVersionsTable {
  scenarioId: string;
  version: number;
  description: Json<Localized>;
  createdBy: string | null;
  createdAt: Generated<Date>;
}

export interface ScenarioStatusChangesTable {
  id: Generated<string>;
  scenarioId: string;
  fromStatus: string | null;
  toStatus: string;
  round: number;
  note: string | null;
  changedBy: string | null;
  changedAt: Generated<Date>;
}

export interface AuditEventsTable {
  consultationId: Generated<string>;
  id: Generated<string>;
  occurredAt: Generated<Date>;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  itemType: string;
  itemId: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
}

export interface Database {
  users: UsersTable;
  userRoles: UserRolesTable;
  sessions: SessionsTable;
  consultations: ConsultationsTable;
  consultationDocuments: ConsultationDocumentsTable;
  consultationPhaseChanges: ConsultationPhaseChangesTable;
  scenarios: ScenariosTable;
  scenarioVersions: ScenarioVersionsTable;
  scenarioStatusChanges: ScenarioStatusChangesTable;
  auditEvents: AuditEventsTable;
}

export type UserRow = Selectable<UsersTable>;
export type ConsultationRow = Selectable<ConsultationsTable>;
export type ScenarioRow = Selectable<ScenariosTable>;
