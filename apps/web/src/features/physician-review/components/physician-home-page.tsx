import { PageHeader } from '../../../components/page-header.tsx';
import { DoseChangesSection } from './dose-changes-section.tsx';
import { ReviewsDueSection } from './reviews-due-section.tsx';
import { SafetyFindingsSection } from './safety-findings-section.tsx';
import '../physician-review.css';

/** /review, the physician's home: recent dose changes, safety findings and reviews due, at their sites. */
export function PhysicianHomePage() {
  return (
    <div className="page">
      <PageHeader title="Review" subtitle="Dose changes, safety findings and reviews due at your sites." />
      <DoseChangesSection />
      <SafetyFindingsSection />
      <ReviewsDueSection />
    </div>
  );
}
