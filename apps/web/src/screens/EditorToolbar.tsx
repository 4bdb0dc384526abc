import { useState } from 'react';
import { useFitAll } from '../canvas/useFitAll';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { Journey } from '../api/types';
import { redo, undo, useCanvas } from '../canvas/store';
import { useAutoLayout } from '../canvas/useAutoLayout';
import { navigate } from '../router';
import { describeError } from '../ui/describeError';
import type { SaveState } from '../versions/useAutosave';
import { LifecycleDialog, type LifecycleAction } from './LifecycleDialog';
import { EditorTeamButtons } from '../team/EditorTeamButtons';
import { BroadcastDialog } from '../broadcasts/BroadcastDialog';
import { broadcastTarget } from '../broadcasts/trigger';

type Props = {
  journey: Journey;
  saveState: SaveState;
  saveError: unknown;
  viewVersion?: number;
  diff?: { from: number; to: number };
  onPublish: () => void;
  onJourneyChanged: () => void;
};

export function EditorToolbar({ journey, saveState, saveError, viewVersion, diff, onPublish, onJourneyChanged }: Props) {
  const { t } = useTranslation();
  const fitAll = useFitAll();
  const layout = useAutoLayout();
  const canUndo = useStore(useCanvas.temporal, (s) => s.pastStates.length > 0);
  const canRedo = useStore(useCanvas.temporal, (s) => s.futureStates.length > 0);
  const issues = useCanvas((s) => s.issues.length);
  const editing = !viewVersion && !diff;
  const [confirming, setConfirming] = useState<LifecycleAction | null>(null);
  const [broadcasting, setBroadcasting] = useState(false);
  // Sending to a segment reads the live version's trigger (the draft's is the same unless edited).
  const target = journey.status === 'active' ? broadcastTarget(journey.draftGraph) : null;
  // Live and the draft differs from it: customers get the live version until someone publishes.
  const unpublished = journey.activeVersion !== null && journey.hasUnpublishedChanges;

  const saveLabel =
    saveState === 'saved' ? t('editor.saved') : saveState === 'saving' ? t('editor.saving') : saveState === 'unsaved' ? t('editor.unsaved') : describeError(saveError, t);

  return (
    <div className="toolbar">
      <a href="#/journeys">← {t('editor.back')}</a>
      <h2 data-testid="journey-title">{journey.name}</h2>
      <span className={`status status-${journey.status}`}>{t(`journeys.statusValue.${journey.status}`)}</span>
      {journey.activeVersion !== null && <span className="muted">v{journey.activeVersion}</span>}
      {unpublished && (
        <span className="unpublished" data-testid="unpublished" title={t('review.unpublishedHelp')}>
          {t('review.unpublished')}
        </span>
      )}
      {editing ? (
        <span className={`save save-${saveState}`} data-testid="save-state" role={saveState === 'stale' || saveState === 'error' ? 'alert' : 'status'}>
          {saveLabel}
          {saveState === 'stale' && <button className="small" onClick={() => location.reload()}>{t('errors.reload')}</button>}
        </span>
      ) : (
        <span className="readonly-banner" data-testid="readonly-banner">
          {diff ? t('versions.diffTitle', { a: diff.from, b: diff.to }) : t('editor.readOnly', { version: viewVersion })}
          <button className="small" onClick={() => navigate({ name: 'editor', journeyId: journey.id })}>{t('editor.backToDraft')}</button>
        </span>
      )}
      <div className="spacer" />
      {editing && (
        <>
          <button className="small" title="Ctrl+Z" disabled={!canUndo} onClick={undo} data-testid="undo">{t('editor.undo')}</button>
          <button className="small" title="Ctrl+Shift+Z" disabled={!canRedo} onClick={redo} data-testid="redo">{t('editor.redo')}</button>
          <button className="small" title="L" onClick={() => void layout()} data-testid="layout">{t('editor.layout')}</button>
        </>
      )}
      <button className="small" title="F" onClick={() => fitAll()}>{t('editor.fit')}</button>
      <EditorTeamButtons journey={journey} onJourneyChanged={onJourneyChanged} />
      {journey.activeVersion !== null && (journey.status === 'active' || journey.status === 'paused') && (
        <button className="small" data-testid={journey.status === 'paused' ? 'resume' : 'pause'} onClick={() => setConfirming(journey.status === 'paused' ? 'resume' : 'pause')}>
          {journey.status === 'paused' ? t('editor.resume') : t('editor.pause')}
        </button>
      )}
      {target && (
        <button className="small" data-testid="broadcast" onClick={() => setBroadcasting(true)}>
          {target.kind === 'segment' ? t('broadcast.buttonMembers') : t('broadcast.button')}
        </button>
      )}
      {journey.status !== 'archived' && (
        <button className="small" data-testid="archive" onClick={() => setConfirming('archive')}>{t('lifecycle.archive.button')}</button>
      )}
      {editing && journey.status !== 'archived' && (
        <button
          className="primary"
          data-testid="publish"
          onClick={onPublish}
          title={issues ? t('editor.publishBlocked') : journey.activeVersion !== null && !unpublished ? t('review.upToDate') : undefined}
        >
          {unpublished ? t('review.publishChanges') : t('editor.publish')}
          {issues > 0 && <span className="badge badge-error">{issues}</span>}
        </button>
      )}
      {broadcasting && target && <BroadcastDialog journey={journey} target={target} onClose={() => setBroadcasting(false)} />}
      {confirming && (
        <LifecycleDialog
          journey={journey}
          action={confirming}
          onClose={() => setConfirming(null)}
          onDone={() => {
            setConfirming(null);
            onJourneyChanged();
          }}
        />
      )}
      <span className="shortcuts muted" title={t('editor.shortcuts')}>⌨</span>
    </div>
  );
}
