import { Link } from 'react-router';
import { SettingsPage } from '../../features/settings/components/settings-page.tsx';

/** Admins' home: the clinic's thresholds, with a way to the user list. */
export default function SettingsRoute() {
  return (
    <SettingsPage
      actions={
        <Link className="button button--secondary" to="/settings/users">
          Manage users
        </Link>
      }
    />
  );
}
