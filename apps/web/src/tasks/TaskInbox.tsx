// #/tasks: the staff's inbox. Tasks made by journeys ("call Toán about wild honey"), with the
// customer's details and why; claim one, do it, report the outcome, and the journey carries on.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http';
import { useSession } from '../session';
import { toast } from '../ui/toasts';
import { describeError } from '../ui/describeError';
import { tasksApi, type Outcome, type StaffTask, type TaskFilter } from './api';
import { TaskCard } from './TaskCard';
import { useTaskTexts } from './texts';
import './tasks.css';

const filters: TaskFilter[] = ['open', 'mine', 'done'];

export function TaskInbox() {
  useTaskTexts();
  const { t } = useTranslation();
  const meId = useSession((s) => s.me?.id ?? null);
  const [filter, setFilter] = useState<TaskFilter>('open');
  const [tasks, setTasks] = useState<StaffTask[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);

  const load = useCallback(
    async (which: TaskFilter) => {
      const ticket = ++latest.current;
      try {
        const page = await tasksApi.list(which, null);
        if (ticket !== latest.current) return;
        setTasks(page.tasks);
        setCursor(page.nextCursor);
        setError(null);
      } catch (e) {
        if (ticket === latest.current) setError(describeError(e, t));
      }
    },
    [t],
  );

  useEffect(() => {
    setTasks(null);
    void load(filter);
  }, [filter, load]);

  function explain(e: unknown): string {
    return e instanceof ApiError && e.status === 409 ? t('tasks.errorCode.conflict') : describeError(e, t);
  }

  async function claim(task: StaffTask) {
    setBusy(task.id);
    try {
      const updated = await tasksApi.claim(task.id);
      setTasks((list) => list?.map((x) => (x.id === task.id ? updated : x)) ?? null);
      toast.success(t('tasks.claimed'));
    } catch (e) {
      toast.error(explain(e));
      void load(filter);
    } finally {
      setBusy(null);
    }
  }

  async function complete(task: StaffTask, outcome: Outcome, note: string) {
    setBusy(task.id);
    try {
      await tasksApi.complete(task.id, outcome, note);
      setTasks((list) => list?.filter((x) => x.id !== task.id) ?? null);
      toast.success(t('tasks.completed', { outcome: t(`tasks.outcome.${outcome}`) }));
    } catch (e) {
      toast.error(explain(e));
      void load(filter);
    } finally {
      setBusy(null);
    }
  }

  async function more() {
    if (!cursor) return;
    try {
      const page = await tasksApi.list(filter, cursor);
      setTasks((list) => [...(list ?? []), ...page.tasks]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError(describeError(e, t));
    }
  }

  return (
    <section className="page tasks" data-testid="task-inbox">
      <h1>{t('tasks.title')}</h1>
      <p className="muted">{t('tasks.intro')}</p>
      <div className="task-filters" role="tablist">
        {filters.map((f) => (
          <button key={f} role="tab" aria-selected={filter === f} className={filter === f ? 'primary' : ''} onClick={() => setFilter(f)} data-testid={`task-filter-${f}`}>
            {t(`tasks.filter.${f}`)}
          </button>
        ))}
      </div>
      {error && <div className="error-box" role="alert">{error}</div>}
      {!tasks && !error && <p className="muted">{t('tasks.loading')}</p>}
      {tasks?.length === 0 && <p className="muted" data-testid="tasks-empty">{t(`tasks.empty.${filter}`)}</p>}
      {tasks && tasks.length > 0 && (
        <ul className="task-list">
          {tasks.map((task) => (
            <TaskCard
              key={task.id}
              task={task}
              meId={meId}
              busy={busy === task.id}
              onClaim={() => void claim(task)}
              onComplete={(outcome, note) => void complete(task, outcome, note)}
            />
          ))}
        </ul>
      )}
      {cursor && <button onClick={() => void more()}>{t('tasks.more')}</button>}
    </section>
  );
}
