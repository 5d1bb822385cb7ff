import { AuthGate } from '../features/auth/components/auth-gate.tsx';
import { usePermission } from '../features/auth/hooks/use-session.ts';
import { AppLayout } from './layout.tsx';
import { AppProvider } from './provider.tsx';
import { PatientsRoute } from './routes/patients.tsx';

// One screen so far, so no router: the patient list is the page at every path (the API answers any
// non-API path with index.html), behind sign-in. A router comes with the second screen.
export function App() {
  return (
    <AppProvider>
      <AppLayout>
        <AuthGate>
          <Home />
        </AuthGate>
      </AppLayout>
    </AppProvider>
  );
}

/** The patient list for roles that read patients; admins read no patient data (minimum necessary). */
function Home() {
  const canReadPatients = usePermission('patients:read');
  if (canReadPatients) return <PatientsRoute />;
  return (
    <div className="page">
      <h1 className="page__title">Welcome to PumpDesk</h1>
      <p>
        Your role does not include patient records. The administration screens (users, sites, settings, the
        audit trail) are not in the web app yet; the API offers them.
      </p>
    </div>
  );
}
