// Workflow entry for the worker bundle: every workflow type the worker serves.
export { journeyWorkflow } from './journey';
export { emptyWorkflow } from './empty';
export { dateTriggersWorkflow } from './date-triggers';
export { broadcastWorkflow } from './broadcast';
export { migrationWorkflow } from './migration';
