import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { LoadingState } from '../components/page-states.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { RouteErrorBoundary } from '../components/route-error-boundary.tsx';
import { useActiveSession } from '../features/auth/hooks/use-session.ts';
import { HOME_BY_ROLE } from './navigation.ts';
import { RequirePermission } from './require-permission.tsx';

// Every screen is its own chunk (React.lazy): the first screen loads only its own code, and the
// charts (recharts) load only with the screens that draw them.
const RefillWorklistRoute = lazy(() => import('./routes/refill-worklist.tsx'));
const BatteryWorklistRoute = lazy(() => import('./routes/battery-worklist.tsx'));
const FollowUpWorklistRoute = lazy(() => import('./routes/follow-up-worklist.tsx'));
const AppointmentsRoute = lazy(() => import('./routes/appointments.tsx'));
const PatientsRoute = lazy(() => import('./routes/patients.tsx'));
const PatientRoute = lazy(() => import('./routes/patient.tsx'));
const RecordRefillRoute = lazy(() => import('./routes/record-refill.tsx'));
const NewDoseProgramRoute = lazy(() => import('./routes/new-dose-program.tsx'));
const EmergencyCardRoute = lazy(() => import('./routes/emergency-card.tsx'));
const PhysicianHomeRoute = lazy(() => import('./routes/physician-home.tsx'));
const ReportsRoute = lazy(() => import('./routes/reports.tsx'));
const SettingsRoute = lazy(() => import('./routes/settings.tsx'));
const UsersRoute = lazy(() => import('./routes/users.tsx'));

/** The signed-in app's screens (rendered inside AuthGate, so only for an active session). */
export function AppRoutes() {
  const { pathname } = useLocation();
  return (
    <RouteErrorBoundary resetKey={pathname}>
      <Suspense fallback={<LoadingState what="the screen" />}>
        <Routes>
          <Route index element={<RoleHome />} />
          <Route path="refills" element={patientScreen(<RefillWorklistRoute />)} />
          <Route path="batteries" element={patientScreen(<BatteryWorklistRoute />)} />
          <Route path="follow-ups" element={patientScreen(<FollowUpWorklistRoute />)} />
          <Route path="appointments" element={patientScreen(<AppointmentsRoute />)} />
          <Route path="patients" element={patientScreen(<PatientsRoute />)} />
          <Route path="patients/:patientId" element={patientScreen(<PatientRoute />)} />
          <Route
            path="patients/:patientId/refill"
            element={
              <RequirePermission permission="refills:write">
                <RecordRefillRoute />
              </RequirePermission>
            }
          />
          <Route
            path="patients/:patientId/program"
            element={
              <RequirePermission permission="programs:write">
                <NewDoseProgramRoute />
              </RequirePermission>
            }
          />
          <Route path="patients/:patientId/emergency-card" element={patientScreen(<EmergencyCardRoute />)} />
          <Route
            path="review"
            element={
              <RequirePermission permission="programs:write">
                <PhysicianHomeRoute />
              </RequirePermission>
            }
          />
          <Route
            path="reports"
            element={
              <RequirePermission permission="reports:read">
                <ReportsRoute />
              </RequirePermission>
            }
          />
          <Route
            path="settings"
            element={
              <RequirePermission permission="settings:write">
                <SettingsRoute />
              </RequirePermission>
            }
          />
          <Route
            path="settings/users"
            element={
              <RequirePermission permission="users:manage">
                <UsersRoute />
              </RequirePermission>
            }
          />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </RouteErrorBoundary>
  );
}

function patientScreen(screen: React.ReactElement) {
  return <RequirePermission permission="patients:read">{screen}</RequirePermission>;
}

/** `/` goes to the role's home (replace: Back does not bounce through `/`). */
function RoleHome() {
  const session = useActiveSession();
  if (!session) return null;
  return <Navigate to={HOME_BY_ROLE[session.user.role]} replace />;
}

function NotFoundPage() {
  return (
    <div className="page">
      <PageHeader title="Page not found" />
      <p>There is no screen at this address. Use the navigation above, or check the link you followed.</p>
    </div>
  );
}
