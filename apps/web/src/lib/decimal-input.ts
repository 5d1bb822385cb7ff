// A number typed into a text field, read strictly. Clinical numbers are typed as digits with at most
// one decimal point and nothing else: "1200", "12.5", ".5". A comma is refused rather than guessed at,
// because "1,200" is a thousands separator in one locale and a decimal comma in another (read as 1.2
// it is a silent 1000-fold error); spaces, signs, exponents ("1e3") and units are refused too.

/** The rule, for a field error under a refused number. */
export const PLAIN_DECIMAL_RULE =
  'Type digits with at most one decimal point, and nothing else: no commas, spaces or units (1200, not 1,200).';

/** True when `text` (trimmed) is digits with at most one decimal point and at most `maxDecimals` decimals. */
export function isPlainDecimal(text: string, maxDecimals?: number): boolean {
  const decimals = maxDecimals === undefined ? '+' : `{1,${String(maxDecimals)}}`;
  const pattern = new RegExp(`^(\\d+(\\.\\d${decimals})?|\\.\\d${decimals})$`);
  return pattern.test(text.trim());
}

/**
 * `text` as a number when it is a plain decimal (see {@link isPlainDecimal}) within `range`; null when
 * it is empty, not plain, has more than `maxDecimals` decimals, or is out of range.
 */
export function parsePlainDecimal(
  text: string,
  options: { maxDecimals?: number; min?: number; max?: number } = {},
): number | null {
  if (!isPlainDecimal(text, options.maxDecimals)) return null;
  const value = Number(text.trim());
  if (!Number.isFinite(value)) return null;
  if (options.min !== undefined && value < options.min) return null;
  if (options.max !== undefined && value > options.max) return null;
  return value;
}
