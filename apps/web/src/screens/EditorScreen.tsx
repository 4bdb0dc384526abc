import { useCallback, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import * as Tabs from '@radix-ui/react-tabs';
import { useTranslation } from 'react-i18next';
import { journeysApi } from '../api/journeys';
import type { Journey, JourneyGraph } from '../api/types';
import { Canvas } from '../canvas/Canvas';
import { Palette } from '../canvas/Palette';
import { useCanvas } from '../canvas/store';
import { NodePanel } from '../panel/NodePanel';
import { StatsPanel } from '../stats/StatsPanel';
import { TestRunPanel } from '../testrun/TestRunPanel';
import { describeError } from '../ui/describeError';
import { toast } from '../ui/toasts';
import { diffJourneyGraphs, type GraphDiff } from '@braid/journey';
import { ChangeList } from '../versions/ChangeList';
import { diffGraphs } from '../versions/diff';
import { clearLocalDraft, readLocalDraft, sameGraph } from '../versions/localDraft';
import { useAutosave } from '../versions/useAutosave';
import { VersionsPanel } from '../versions/VersionsPanel';
import { EditorToolbar } from './EditorToolbar';
import { ProblemsList } from './ProblemsList';
import { PublishDialog } from './PublishDialog';
import { useValidation } from './useValidation';

type Props = { journeyId: string; viewVersion?: number; diff?: { from: number; to: number } };
type Tab = 'settings' | 'problems' | 'versions' | 'stats' | 'test';

export function EditorScreen(props: Props) {
  return <Editor {...props} />;
}

/**
 * React Flow's store starts with the loaded nodes (initialNodes): mounting 500 nodes into an
 * empty, already mounted canvas costs React a quadratic sibling search; mounting them with the
 * canvas does not.
 */
function FlowProvider({ children }: { children: ReactNode }) {
  const [initial] = useState(() => useCanvas.getState());
  return (
    <ReactFlowProvider initialNodes={initial.nodes} initialEdges={initial.edges}>
      {children}
    </ReactFlowProvider>
  );
}

function Editor({ journeyId, viewVersion, diff }: Props) {
  const { t } = useTranslation();
  const [journey, setJourney] = useState<Journey | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('settings');
  const [publishing, setPublishing] = useState(false);
  const [versionsKey, setVersionsKey] = useState(0);
  const [focusNodeId, setFocusNodeId] = useState<string | null>(null);
  const [conflict, setConflict] = useState<JourneyGraph | null>(null);
  // The diff view lists each change in words beside the canvas that colours them.
  const [changes, setChanges] = useState<{ diff: GraphDiff; from: JourneyGraph; to: JourneyGraph } | null>(null);
  const editing = !viewVersion && !diff;

  const load = useCallback(async () => {
    setError(null);
    try {
      const j = await journeysApi.get(journeyId);
      if (diff) {
        const [a, b] = await Promise.all([
          journeysApi.version(journeyId, diff.from),
          journeysApi.version(journeyId, diff.to),
        ]);
        const [from, to] = [a.graph ?? { nodes: [], edges: [] }, b.graph ?? { nodes: [], edges: [] }];
        const d = diffGraphs(from, to);
        setChanges({ diff: diffJourneyGraphs(from, to), from, to });
        useCanvas.getState().load(d.graph, 'diff');
        useCanvas.getState().setDiff(d.status);
      } else if (viewVersion) {
        const v = await journeysApi.version(journeyId, viewVersion);
        useCanvas.getState().load(v.graph ?? { nodes: [], edges: [] }, 'readonly');
      } else {
        const local = readLocalDraft(journeyId);
        if (local && local.baseRevision === j.draftRevision && !sameGraph(local.graph, j.draftGraph)) {
          useCanvas.getState().load(local.graph, 'edit');
          // Mark dirty so autosave pushes the restored edits.
          useCanvas.setState({ graphVersion: 1 });
          toast.info(t('editor.restored'));
        } else {
          if (local && local.baseRevision !== j.draftRevision && !sameGraph(local.graph, j.draftGraph)) {
            // The server moved on (another tab or person saved) while we held unsaved edits: show
            // theirs, keep ours until the marketer chooses.
            setConflict(local.graph);
          } else {
            clearLocalDraft(journeyId);
          }
          useCanvas.getState().load(j.draftGraph, 'edit');
        }
      }
      // After the canvas holds the graph, so the first render can fit it.
      performance.mark('braid:journey-loaded');
      setJourney(j);
    } catch (e) {
      setError(describeError(e, t));
    }
  }, [journeyId, viewVersion, diff, t]);

  useEffect(() => {
    void load();
  }, [load]);

  const save = useAutosave(journeyId, journey?.draftRevision ?? 0, editing && !!journey, (saved) =>
    setJourney((j) => (j ? { ...j, hasUnpublishedChanges: saved.hasUnpublishedChanges } : j)),
  );
  useValidation();

  const flush = useCallback(async () => {
    // Publishing must include the latest edits: wait until autosave has nothing left to do.
    for (let i = 0; i < 50; i++) {
      if (save.stateRef.current === 'saved') return true;
      if (save.stateRef.current === 'stale' || save.stateRef.current === 'error') return false;
      await new Promise((r) => setTimeout(r, 100));
    }
    return false;
  }, [save.stateRef]);

  async function refreshJourney() {
    try {
      setJourney(await journeysApi.get(journeyId));
    } catch (e) {
      toast.error(describeError(e, t));
    }
  }

  const onNodeClick = useCallback((id: string) => setFocusNodeId(id), []);

  if (error)
    return (
      <div className="error-box page" role="alert">
        {error} <button onClick={() => void load()}>{t('errors.retry')}</button>{' '}
        <a href="#/journeys">{t('errors.backToJourneys')}</a>
      </div>
    );
  if (!journey) return <div className="splash">…</div>;

  return (
    <FlowProvider>
      <div className="editor">
        <EditorToolbar
          journey={journey}
          saveState={save.state}
          saveError={save.error}
          viewVersion={viewVersion}
          diff={diff}
          onPublish={() => setPublishing(true)}
          onJourneyChanged={() => void refreshJourney()}
        />
        {conflict && editing && (
        <div className="conflict" role="alert" data-testid="draft-conflict">
          {t('editor.conflict')}
          <button
            className="small"
            data-testid="use-mine"
            onClick={() => {
              // Explicit choice: our edits become the next save on top of the server's revision.
              useCanvas.getState().load(conflict, 'edit');
              useCanvas.setState({ graphVersion: 1 });
              setConflict(null);
            }}
          >
            {t('editor.useMine')}
          </button>
          <button
            className="small"
            onClick={() => {
              clearLocalDraft(journeyId);
              setConflict(null);
            }}
          >
            {t('editor.keepTheirs')}
          </button>
        </div>
      )}
      {changes && diff && (
        <details className="diff-changes" open data-testid="diff-changes">
          <summary>{t('versions.diffTitle', { a: diff.from, b: diff.to })}</summary>
          <ChangeList diff={changes.diff} from={changes.from} to={changes.to} onStepClick={onNodeClick} />
        </details>
      )}
      <div className="editor-body">
          {editing && <Palette />}
          <Canvas onNodeClick={onNodeClick} />
          <Tabs.Root className="side-tabs" value={tab} onValueChange={(v) => setTab(v as Tab)}>
            <Tabs.List className="tabs">
              <Tabs.Trigger value="settings" data-testid="tab-settings">
                {t('panel.title')}
              </Tabs.Trigger>
              <Tabs.Trigger value="problems" data-testid="tab-problems">
                <ProblemsTabLabel />
              </Tabs.Trigger>
              <Tabs.Trigger value="versions" data-testid="tab-versions">
                {t('editor.history')}
              </Tabs.Trigger>
              <Tabs.Trigger value="stats" data-testid="tab-stats">
                {t('editor.stats')}
              </Tabs.Trigger>
              <Tabs.Trigger value="test" data-testid="tab-test">
                {t('editor.testRun')}
              </Tabs.Trigger>
            </Tabs.List>
            <Tabs.Content value="settings">
              <NodePanel />
            </Tabs.Content>
            <Tabs.Content value="problems">
              <ProblemsList />
            </Tabs.Content>
            <Tabs.Content value="versions">
              <VersionsPanel
                journeyId={journeyId}
                activeVersion={journey.activeVersion}
                refreshKey={versionsKey}
                onChanged={() => void refreshJourney()}
                onRolledBack={() => {
                  // The draft is the restored version now: show it, not the edits it replaced.
                  clearLocalDraft(journeyId);
                  void load();
                }}
              />
            </Tabs.Content>
            <Tabs.Content value="stats">
              {tab === 'stats' && (
                <StatsPanel
                  journeyId={journeyId}
                  activeVersion={journey.activeVersion}
                  focusNodeId={focusNodeId}
                />
              )}
            </Tabs.Content>
            <Tabs.Content value="test">
              {tab === 'test' && <TestRunPanel journeyId={journeyId} />}
            </Tabs.Content>
          </Tabs.Root>
        </div>
        {publishing && (
          <PublishDialog
            journeyId={journeyId}
            flush={flush}
            onClose={() => setPublishing(false)}
            onPublished={(outcome) => {
              setPublishing(false);
              if (outcome.unchanged) toast.info(t('review.nothingPublished', { version: outcome.version.version }));
              else toast.success(t('editor.published', { version: outcome.version.version }));
              setVersionsKey((k) => k + 1);
              void refreshJourney();
            }}
          />
        )}
      </div>
    </FlowProvider>
  );
}

function ProblemsTabLabel() {
  const { t } = useTranslation();
  const count = useCanvas((s) => s.issues.length);
  return (
    <>
      {t('editor.problems')}{' '}
      {count > 0 && (
        <span className="badge badge-error" data-testid="problem-count">
          {count}
        </span>
      )}
    </>
  );
}
