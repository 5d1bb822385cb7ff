import { PatientListPage } from '../../features/patients/components/patient-list-page.tsx';
import { useSites } from '../../features/sites/api/get-sites.ts';

/**
 * The patient list needs the site list for its site filter. Features never import each other, so
 * the app composes them: it asks the sites feature for the sites and hands them to the patients page.
 */
export default function PatientsRoute() {
  const sites = useSites();
  return <PatientListPage sites={sites.data?.items ?? []} sitesUnavailable={sites.isError} />;
}
