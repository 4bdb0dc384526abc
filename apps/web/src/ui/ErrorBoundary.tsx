import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';
import i18next from 'i18next';

type Props = { children: ReactNode; resetKey?: string };
type State = { error: Error | null };

// A render crash shows a message and a way out instead of a blank screen.
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Screen crashed', error, info.componentStack);
  }

  override componentDidUpdate(prev: Props): void {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    const t = i18next.t.bind(i18next);
    return (
      <div className="crash" role="alert">
        <h2>{t('errors.crashed')}</h2>
        <pre>{error.message}</pre>
        <div className="row">
          <button onClick={() => this.setState({ error: null })}>{t('errors.retry')}</button>
          <button onClick={() => { location.hash = '#/journeys'; this.setState({ error: null }); }}>{t('errors.backToJourneys')}</button>
          <button onClick={() => location.reload()}>{t('errors.reload')}</button>
        </div>
      </div>
    );
  }
}
