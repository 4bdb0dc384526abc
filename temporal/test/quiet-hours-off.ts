// Tests run at any hour, but a new workspace holds marketing messages 21:00–08:00 Vietnam time:
// the runtime tests start Braid with quiet hours off, so that what a journey sends goes now
// (quiet hours and Decree 91 have their own tests). `bootstrap` for an API started in process,
// `env` for an API process, which bootstraps from its environment.
export const quietHoursOff = { bootstrap: { quietHours: false }, env: { BRAID_BOOTSTRAP_QUIET_HOURS: 'off' } } as const;
