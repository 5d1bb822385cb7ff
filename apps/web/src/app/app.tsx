import { BrowserRouter } from 'react-router';
import { AuthGate } from '../features/auth/components/auth-gate.tsx';
import { AppLayout } from './layout.tsx';
import { AppProvider } from './provider.tsx';
import { RouterFollowsAddress } from './router-follows-address.tsx';
import { AppRoutes } from './routes.tsx';

export function App() {
  return (
    <AppProvider>
      <BrowserRouter>
        <AppLayout>
          <AuthGate>
            <RouterFollowsAddress>
              <AppRoutes />
            </RouterFollowsAddress>
          </AuthGate>
        </AppLayout>
      </BrowserRouter>
    </AppProvider>
  );
}
