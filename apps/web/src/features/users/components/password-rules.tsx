import { PASSWORD_RULES } from '../utils/user-form.ts';

export function PasswordRules({ id }: { id: string }) {
  return (
    <div id={id} className="rules">
      <span className="rules__title">Password rules</span>
      <ul>
        {PASSWORD_RULES.map((rule) => (
          <li key={rule}>{rule}</li>
        ))}
      </ul>
    </div>
  );
}
