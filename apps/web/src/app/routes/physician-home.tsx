import { PhysicianHomePage } from '../../features/physician-review/components/physician-home-page.tsx';

/** /review: the physician's home. */
export default function PhysicianHomeRoute() {
  return <PhysicianHomePage />;
}
