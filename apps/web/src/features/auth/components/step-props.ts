/** What every step after the password can do besides succeeding. */
export interface StepProps {
  /** The half-finished sign-in ended (it took too long): back to the password, with a word why. */
  onSignInExpired: () => void;
  /** Give up and start again (perhaps as someone else): signs the half-finished session out. */
  onCancel: () => void;
}
