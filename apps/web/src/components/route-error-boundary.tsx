import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

/**
 * A screen that throws while rendering (or whose code chunk fails to load after a new release) shows
 * a message with a reload instead of a blank page; the header and navigation stay usable.
 * `resetKey` (the path) clears it when the user goes elsewhere.
 */
export class RouteErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, State> {
  override state: State = { error: null };
  private failedKey: string | null = null;

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(_error: Error, _info: ErrorInfo): void {
    this.failedKey = this.props.resetKey;
  }

  override componentDidUpdate(): void {
    if (this.state.error && this.failedKey !== null && this.failedKey !== this.props.resetKey) {
      this.failedKey = null;
      this.setState({ error: null });
    }
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="alert alert--error" role="alert">
        <h1 className="alert__title">This screen could not be shown</h1>
        <p>Something went wrong while showing it. Nothing you saved is lost.</p>
        <button
          type="button"
          className="button"
          onClick={() => {
            window.location.reload();
          }}
        >
          Reload the page
        </button>
      </div>
    );
  }
}
