import { useState } from 'react';

interface RecoveryCodesStepProps {
  recoveryCodes: readonly string[];
  onDone: () => void;
}

/** The recovery codes, shown this once: the user confirms they saved them before going on. */
export function RecoveryCodesStep({ recoveryCodes, onDone }: RecoveryCodesStepProps) {
  const [saved, setSaved] = useState(false);
  const [copied, setCopied] = useState<boolean | null>(null);
  const canCopy = typeof navigator !== 'undefined' && 'clipboard' in navigator;

  return (
    <div className="sign-in__card" role="region" aria-labelledby="recovery-title">
      <h1 id="recovery-title" className="sign-in__title" tabIndex={-1}>
        Save your recovery codes
      </h1>
      <p>
        If you lose your phone, each of these codes lets you sign in once instead of a code from the app. Keep
        them somewhere safe (a password manager, or printed and locked away).{' '}
        <strong>They are shown only now.</strong>
      </p>
      <ol className="recovery-codes" aria-label="Recovery codes">
        {recoveryCodes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      {canCopy ? (
        <p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              navigator.clipboard.writeText(recoveryCodes.join('\n')).then(
                () => {
                  setCopied(true);
                },
                () => {
                  setCopied(false);
                },
              );
            }}
          >
            Copy the codes
          </button>{' '}
          <span role="status">
            {copied === true
              ? 'Copied.'
              : copied === false
                ? 'Copying is not allowed here: write them down.'
                : ''}
          </span>
        </p>
      ) : null}
      <div className="checkbox">
        <input
          id="recovery-saved"
          type="checkbox"
          checked={saved}
          onChange={(event) => {
            setSaved(event.target.checked);
          }}
        />
        <label htmlFor="recovery-saved">I have saved these recovery codes</label>
      </div>
      <button type="button" className="button" disabled={!saved} onClick={onDone}>
        Continue
      </button>
    </div>
  );
}
