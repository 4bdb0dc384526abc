// The interpreter: (ir, state, input) → (state, commands). Pure and deterministic: no clock
// (time comes in `input.now`), no I/O, randomness only from the seed in state, and a step
// budget per input so a bad program cannot spin. It never throws: problems become an
// `error` command. The same function runs inside the Temporal workflow and the simulator.
//
// Protocol for drivers: the LAST command says what to do next —
//   sleepUntil → feed `timer` at `until` (events may arrive meanwhile: feed them);
//   waitForEvent → feed matching customer events, or `timer` at `until`;
//   runActivity → run it, feed `activityResult` (events may arrive meanwhile);
//   complete → the enrollment is over.
// Earlier commands are `log` lines (and `error` for inputs that were ignored).
import type { ActionStep, BranchStep, Command, CustomerEvent, InterpreterInput, Json, JourneyIR, Step } from '@braid/sdk';
import { matchesEvent } from './match';
import { nextRandom } from './prng';
import type { CompletionReason, JourneyState } from './state';
import { initialState, STATE_VERSION } from './state';
import { isValidTimezone, nextWindowStart } from './time-window';

/** Steps one input may run through before the interpreter gives up (a loop without a wait). */
export const STEP_BUDGET = 1000;

export type InterpretResult = { state: JourneyState; commands: Command[] };

/** What went wrong, for a UI to word in its language (the `error` command's `code`). */
export type InterpreterErrorCode =
  | 'loopWithoutWait'
  | 'unknownStep'
  | 'noPaths'
  | 'notAWait'
  | 'noPathForAnswer'
  | 'notAStep'
  | 'ignoredInput'
  | 'internal';

function errorCommand(message: string, code: InterpreterErrorCode, params: Record<string, string> = {}): Command {
  return { kind: 'error', message, code, params };
}
export type InterpretOptions = {
  /** Emit `log` commands (default true). The cohort simulator turns them off for speed. */
  log?: boolean;
  /**
   * Update `state` in place instead of copying it (default false). Only for drivers that
   * never look at an old state again — the simulators, where copying dominated the cost.
   */
  mutate?: boolean;
};

// Step ids are keys of plain objects: read only own properties, so a step called "toString"
// never finds Object.prototype's member (a function is not a visit count, nor a step).
const own = <T>(record: Record<string, T>, key: string): T | undefined => (Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined);

class Run {
  readonly commands: Command[] = [];
  budget = STEP_BUDGET;
  constructor(
    readonly ir: JourneyIR,
    readonly s: JourneyState,
    readonly now: number,
    readonly logOn: boolean,
  ) {}

  log(stepId: string, outcome: 'entered' | 'left' | 'converted' | 'exited', reason: string): void {
    if (this.logOn) this.commands.push({ kind: 'log', stepId, outcome, reason });
  }

  complete(reason: CompletionReason, detail: string): void {
    this.s.status = 'completed';
    this.s.awaiting = null;
    this.s.completion = { reason, detail, at: this.now };
    this.commands.push({ kind: 'complete', reason, detail });
  }

  fail(message: string, code: InterpreterErrorCode, params: Record<string, string> = {}): void {
    this.commands.push(errorCommand(message, code, params));
    this.complete('error', message);
  }

  /** Enters `stepId` and runs until the journey waits, runs an activity, or ends. */
  enter(stepId: string): void {
    let current = stepId;
    for (;;) {
      if (--this.budget < 0) {
        this.fail(`Step budget of ${STEP_BUDGET} exceeded at "${current}": a loop without a wait`, 'loopWithoutWait', { stepId: current });
        return;
      }
      const step: Step | undefined = own(this.ir.steps, current);
      if (!step) {
        this.fail(`Unknown step "${current}" in journey ${this.ir.journeyId} v${this.ir.version}`, 'unknownStep', { stepId: current });
        return;
      }
      const visit = (own(this.s.visits, current) ?? 0) + 1;
      this.s.visits[current] = visit;
      this.s.stepId = current;
      if (this.logOn) this.log(current, 'entered', step.type);
      const next = this.runStep(step, visit);
      if (next === null) return;
      current = next;
    }
  }

  /** Returns the next step to enter immediately, or null when the journey now waits or ended. */
  private runStep(step: Step, visit: number): string | null {
    switch (step.type) {
      case 'action':
        this.s.awaiting = { kind: 'activity', stepId: step.id, activity: 'action', visit };
        this.commands.push(actionCommand(step, visit, this.s.variables));
        return null;
      case 'wait': {
        const w = step.wait;
        if (w.kind === 'duration') {
          if (w.ms <= 0) return step.next;
          this.s.awaiting = { kind: 'sleep', stepId: step.id, until: this.now + w.ms };
        } else if (w.kind === 'timeWindow') {
          const tz = w.timezone === 'customer' ? (this.s.timezone ?? w.fallbackTimezone) : w.timezone;
          const until = nextWindowStart(this.now, w.from, w.to, w.days, isValidTimezone(tz) ? tz : w.fallbackTimezone);
          if (until <= this.now) {
            if (this.logOn) this.log(step.id, 'left', `already inside ${w.from}–${w.to}`);
            return step.next;
          }
          this.s.awaiting = { kind: 'sleep', stepId: step.id, until };
        } else {
          this.s.awaiting = { kind: 'event', stepId: step.id, until: this.now + w.timeoutMs };
        }
        this.commands.push(awaitingCommand(this.s)!);
        return null;
      }
      case 'branch': {
        const c = step.condition;
        if (c.kind === 'randomSplit') {
          const [r, rng] = nextRandom(this.s.rng);
          this.s.rng = rng;
          const total = c.weights.reduce((a, b) => a + Math.max(0, b), 0);
          let x = r * total;
          let index = c.weights.length - 1;
          for (let i = 0; i < c.weights.length; i++) {
            x -= Math.max(0, c.weights[i] ?? 0);
            if (x < 0) {
              index = i;
              break;
            }
          }
          const out = step.outputs[index] ?? step.outputs[step.outputs.length - 1];
          if (!out) {
            this.fail(`Split "${step.id}" has no paths`, 'noPaths', { stepId: step.id });
            return null;
          }
          if (this.logOn) this.log(step.id, 'left', `random split: ${out.port}`);
          return out.next;
        }
        this.s.awaiting = { kind: 'activity', stepId: step.id, activity: 'lookup', visit };
        this.commands.push(lookupCommand(step, visit, this.s));
        return null;
      }
      case 'end':
        this.log(step.id, 'exited', step.reason);
        this.complete('end', step.reason);
        return null;
      default: {
        const unknown: never = step;
        this.fail(`Unknown step type in ${JSON.stringify(unknown).slice(0, 80)}`, 'internal');
        return null;
      }
    }
  }
}

function actionCommand(step: ActionStep, visit: number, variables: Record<string, Json>): Command {
  const command: Extract<Command, { kind: 'runActivity' }> = { kind: 'runActivity', stepId: step.id, activity: 'action', kindName: step.kind, config: step.config, visit, variables };
  if (step.channel) command.channel = step.channel;
  return command;
}

function lookupCommand(step: BranchStep, visit: number, s: JourneyState): Command {
  const c = step.condition;
  // An engagement check needs the visit of the message it asks about to find its idempotency key.
  const config: Json = c.kind === 'engagement' ? { ...c, visit: own(s.visits, c.stepId) ?? 0 } : (c as unknown as Json);
  return { kind: 'runActivity', stepId: step.id, activity: 'lookup', kindName: c.kind, config, visit };
}

/** The command that restates what the enrollment is currently waiting for. */
export function awaitingCommand(s: JourneyState): Command | null {
  const a = s.awaiting;
  if (!a) return null;
  if (a.kind === 'sleep') return { kind: 'sleepUntil', until: a.until, stepId: a.stepId };
  if (a.kind === 'event') return { kind: 'waitForEvent', until: a.until, stepId: a.stepId };
  return null; // activities are not re-issued: the driver already runs them
}

/** Which output a lookup answer selects, and why (for logs and the simulator's reasons). */
export function pickOutput(step: BranchStep, result: { ok: true; output?: Json } | { ok: false; error: string }): { index: number; reason: string } {
  const byPort = (port: string) => step.outputs.findIndex((o) => o.port === port);
  const fallbackIndex = () => {
    const f = byPort('fallback');
    if (f >= 0) return f;
    const no = byPort('no');
    return no >= 0 ? no : step.outputs.length - 1;
  };
  if (!result.ok) return { index: fallbackIndex(), reason: `lookup failed (${result.error})` };
  const out = result.output;
  if (typeof out === 'boolean') return out ? { index: Math.max(0, byPort('yes')), reason: 'yes' } : { index: fallbackIndex(), reason: 'no' };
  if (out && typeof out === 'object' && !Array.isArray(out)) {
    const why = typeof out.why === 'string' && out.why ? ` — ${out.why}` : '';
    if (typeof out.port === 'string') {
      const i = byPort(out.port);
      return i >= 0 ? { index: i, reason: `port ${out.port}${why}` } : { index: fallbackIndex(), reason: `unknown port ${out.port}` };
    }
    if (typeof out.matched === 'boolean') return out.matched ? { index: Math.max(0, byPort('yes')), reason: 'yes' } : { index: fallbackIndex(), reason: 'no' };
    if (typeof out.channel === 'string') {
      const i = byPort(out.channel);
      return i >= 0 ? { index: i, reason: `best channel ${out.channel}${why}` } : { index: fallbackIndex(), reason: `best channel ${out.channel} not offered` };
    }
  }
  return { index: fallbackIndex(), reason: `unreadable lookup answer ${JSON.stringify(out ?? null).slice(0, 60)}` };
}

/** A short question for logs and simulator paths: "opened cart-email?". */
export function describeCondition(step: BranchStep): string {
  const c = step.condition;
  switch (c.kind) {
    case 'trait':
      return `profile ${c.filters.map((f) => `${f.path} ${f.op}${f.value === undefined ? '' : ` ${JSON.stringify(f.value)}`}`).join(c.all ? ' and ' : ' or ')}?`;
    case 'eventCount':
      return `${c.event} ${c.op} ${c.count} times?`;
    case 'segment':
      return `in segment ${c.segmentId}?`;
    case 'engagement':
      return `${c.status} ${c.stepId}?`;
    case 'bestChannel':
      return `best of ${c.channels.join('/')}`;
    case 'randomSplit':
      return 'random split';
    case 'usualHour':
      return 'usual answer hour?';
    case 'consent':
      return `subscribed to ${c.groupId || `${c.channel} marketing`}?`;
  }
}

function copyState(s: JourneyState): JourneyState {
  return { ...s, visits: { ...s.visits }, variables: { ...s.variables } };
}

function stale(state: JourneyState, message: string): InterpretResult {
  const commands: Command[] = [errorCommand(message, 'ignoredInput')];
  const again = awaitingCommand(state);
  if (again) commands.push(again);
  return { state, commands };
}

function handleEvent(run: Run, event: CustomerEvent): void {
  const { ir, s } = run;
  const here = s.stepId ?? ir.start;
  const goal = ir.goal;
  if (goal && !s.converted && run.now - s.enteredAt <= goal.windowMs && matchesEvent(goal.match, event, s.entryEvent)) {
    s.converted = true;
    s.convertedAt = run.now;
    run.log(here, 'converted', `${event.name} (goal)`);
    if (goal.onConvert.kind === 'exit') {
      run.complete('goal', `converted: ${event.name}`);
      return;
    }
    s.awaiting = null;
    run.enter(goal.onConvert.stepId);
    return;
  }
  for (const criterion of ir.exitCriteria) {
    if (matchesEvent(criterion.match, event, s.entryEvent)) {
      run.log(here, 'exited', `exit criteria: ${event.name}`);
      run.complete('exitCriteria', `exit criteria: ${event.name}`);
      return;
    }
  }
  const a = s.awaiting;
  if (a?.kind === 'event') {
    const step = own(ir.steps, a.stepId);
    if (step?.type === 'wait' && 'timeoutNext' in step) {
      if (run.now > a.until) {
        run.log(a.stepId, 'left', `timed out waiting for ${step.wait.match.event}`);
        s.awaiting = null;
        run.enter(step.timeoutNext);
        return;
      }
      if (matchesEvent(step.wait.match, event, s.entryEvent)) {
        run.log(a.stepId, 'left', `happened: ${event.name}`);
        s.awaiting = null;
        run.enter(step.next);
        return;
      }
    }
  }
  const again = awaitingCommand(s);
  if (again) run.commands.push(again);
}

function handleTimer(run: Run): void {
  const { ir, s } = run;
  const a = s.awaiting;
  if (!a || a.kind === 'activity' || run.now < a.until) {
    const again = awaitingCommand(s);
    if (again) run.commands.push(again);
    return;
  }
  const step = own(ir.steps, a.stepId);
  if (!step || step.type !== 'wait') {
    run.fail(`Waiting on "${a.stepId}", which is not a wait step of this version`, 'notAWait', { stepId: a.stepId });
    return;
  }
  s.awaiting = null;
  if ('timeoutNext' in step) {
    run.log(step.id, 'left', `timed out waiting for ${step.wait.match.event}`);
    run.enter(step.timeoutNext);
  } else {
    run.log(step.id, 'left', 'wait over');
    run.enter(step.next);
  }
}

function handleActivityResult(run: Run, input: Extract<InterpreterInput, { kind: 'activityResult' }>): boolean {
  const { ir, s } = run;
  const a = s.awaiting;
  if (!a || a.kind !== 'activity' || a.stepId !== input.stepId) return false;
  const step = own(ir.steps, a.stepId);
  s.awaiting = null;
  if (step?.type === 'action') {
    if (input.result.ok) {
      if (step.outputVariable && input.result.output !== undefined) s.variables[step.outputVariable] = input.result.output;
      run.log(step.id, 'left', 'done');
      run.enter(step.next);
      return true;
    }
    const f = step.onFailure;
    run.log(step.id, 'left', `failed: ${input.result.error}`);
    if (f.kind === 'continue') run.enter(step.next);
    else if (f.kind === 'goto') run.enter(f.stepId);
    else run.complete('failed', `${step.kind} failed: ${input.result.error}`);
    return true;
  }
  if (step?.type === 'branch') {
    const { index, reason } = pickOutput(step, input.result);
    const out = step.outputs[index];
    if (!out) {
      run.fail(`Condition "${step.id}" has no path for its answer`, 'noPathForAnswer', { stepId: step.id });
      return true;
    }
    if (run.logOn) run.log(step.id, 'left', `${describeCondition(step)} → ${out.port} (${reason})`);
    run.enter(out.next);
    return true;
  }
  run.fail(`Activity result for "${input.stepId}", which is not an action or condition of this version`, 'notAStep', { stepId: input.stepId });
  return true;
}

export function interpret(ir: JourneyIR, state: JourneyState, input: InterpreterInput, options: InterpretOptions = {}): InterpretResult {
  try {
    if (!state || state.stateVersion !== STATE_VERSION) return { state, commands: [errorCommand('Unreadable or stale interpreter state', 'ignoredInput')] };
    if (state.journeyId !== ir.journeyId || state.version !== ir.version)
      return stale(state, `State belongs to ${state.journeyId} v${state.version}, not ${ir.journeyId} v${ir.version}`);
    if (typeof input?.now !== 'number' || !Number.isFinite(input.now)) return stale(state, 'Input has no valid `now`');
    if (state.status === 'completed') return { state, commands: [errorCommand(`Enrollment already completed (${state.completion?.reason ?? 'unknown'}); ${input.kind} ignored`, 'ignoredInput')] };
    if (state.status === 'new' && input.kind !== 'start') return stale(state, `Enrollment has not started; ${input.kind} ignored`);
    if (state.status === 'active' && input.kind === 'start') return stale(state, 'Enrollment already started; start ignored');

    const s = options.mutate ? state : copyState(state);
    const run = new Run(ir, s, input.now, options.log ?? true);
    switch (input.kind) {
      case 'start': {
        s.status = 'active';
        s.enteredAt = input.now;
        s.entryEvent = input.entryEvent;
        const tz = input.traits?.timezone;
        s.timezone = typeof tz === 'string' && isValidTimezone(tz) ? tz : null;
        s.rng = input.seed >>> 0;
        run.enter(ir.start);
        break;
      }
      case 'event':
        handleEvent(run, input.event);
        break;
      case 'timer':
        handleTimer(run);
        break;
      case 'activityResult':
        if (!handleActivityResult(run, input)) return stale(state, `No activity is running for step "${input.stepId}"; result ignored`);
        break;
      default: {
        const unknown: never = input;
        return stale(state, `Unknown input ${JSON.stringify(unknown).slice(0, 80)}`);
      }
    }
    return { state: s, commands: run.commands };
  } catch (e) {
    return { state, commands: [errorCommand(`Interpreter error: ${e instanceof Error ? e.message : String(e)}`, 'internal', { detail: e instanceof Error ? e.message : String(e) })] };
  }
}

/** Convenience: a fresh state started with `start`. */
export function startEnrollment(ir: JourneyIR, start: Omit<Extract<InterpreterInput, { kind: 'start' }>, 'kind'>, options?: InterpretOptions): InterpretResult {
  return interpret(ir, initialState(ir), { kind: 'start', ...start }, options);
}
