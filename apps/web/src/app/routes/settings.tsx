import { PageHeader } from '../../components/page-header.tsx';

// PLACEHOLDER (issue 6, being built): replaced by the screen before the issue is resolved.
export default function Route() {
  return (
    <div className="page">
      <PageHeader title="Settings" />
      <p>This screen is being built.</p>
    </div>
  );
}
