import { AppLayout } from './layout.tsx';
import { AppProvider } from './provider.tsx';
import { PatientsRoute } from './routes/patients.tsx';

// One screen so far, so no router: the patient list is the page at every path (the API answers any
// non-API path with index.html). A router comes with the second screen.
export function App() {
  return (
    <AppProvider>
      <AppLayout>
        <PatientsRoute />
      </AppLayout>
    </AppProvider>
  );
}
