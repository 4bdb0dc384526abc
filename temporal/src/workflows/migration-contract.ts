// The migration workflow's contract, shared by the workflow, its activity and the API.
export const MIGRATION_WORKFLOW = 'migrationWorkflow';

/** One driver per migration: starting it twice finds this id taken. */
export const migrationWorkflowId = (migrationId: string): string => `migration:${migrationId}`;

export type MigrationPage = {
  /** Every enrollment of the moving versions has been signalled (or the row says it stopped). */
  done: boolean;
  signalled: number;
};

export type MigrationActivities = {
  signalMigrationPage(input: { migrationId: string }): Promise<MigrationPage>;
};
