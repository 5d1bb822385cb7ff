import { describe, expect, it } from 'vitest';
import { isPlainDecimal, parsePlainDecimal } from './decimal-input.ts';

describe('parsePlainDecimal', () => {
  it.each([
    ['1200', 1200],
    [' 12.5 ', 12.5],
    ['.5', 0.5],
    ['0', 0],
    ['007.25', 7.25],
  ])('reads %j as %d', (text, value) => {
    expect(parsePlainDecimal(text)).toBe(value);
  });

  it.each([
    '',
    '  ',
    '1,200',
    '1,2',
    '1.200,5',
    '1 200',
    '-5',
    '+5',
    '1e3',
    '12.',
    '.',
    '1.2.3',
    '12 mcg',
    'Infinity',
    '0x10',
  ])('refuses %j', (text) => {
    expect(parsePlainDecimal(text)).toBeNull();
    expect(isPlainDecimal(text)).toBe(false);
  });

  it('refuses more decimals than allowed', () => {
    expect(parsePlainDecimal('1.25', { maxDecimals: 2 })).toBe(1.25);
    expect(parsePlainDecimal('1.255', { maxDecimals: 2 })).toBeNull();
    expect(parsePlainDecimal('.255', { maxDecimals: 2 })).toBeNull();
    expect(parsePlainDecimal('1.2555')).toBe(1.2555);
  });

  it('refuses numbers out of range, bounds included', () => {
    expect(parsePlainDecimal('1000', { min: 0, max: 1000 })).toBe(1000);
    expect(parsePlainDecimal('1000.01', { min: 0, max: 1000 })).toBeNull();
    expect(parsePlainDecimal('0.5', { min: 1 })).toBeNull();
  });
});
