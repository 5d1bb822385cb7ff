import { type RefillFieldErrors, type RefillFormValues } from '../utils/refill-form.ts';

/** What every step of the refill form receives: the values, the errors to show, and a way to change them. */
export interface StepProps {
  values: RefillFormValues;
  errors: RefillFieldErrors;
  onChange: (change: Partial<RefillFormValues>) => void;
}
