import { useParams } from 'react-router';
import { EmergencyCardPage } from '../../features/patient-record/components/emergency-card-page.tsx';
import { useSites } from '../../features/sites/api/get-sites.ts';

/** The emergency card needs the clinic's phone and address: the app hands it the sites. */
export default function EmergencyCardRoute() {
  const { patientId = '' } = useParams();
  const sites = useSites();
  return (
    <EmergencyCardPage
      key={patientId}
      patientId={patientId}
      sites={sites.data?.items ?? []}
      sitesPending={sites.isPending}
      sitesUnavailable={sites.isError}
    />
  );
}
