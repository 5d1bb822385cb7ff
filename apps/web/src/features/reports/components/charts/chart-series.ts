// How a chart tells its series apart: a fill pattern (solid, hatched, dotted) and a line style, never
// the colour alone; the legend names each with its pattern in words. Colours are at least 3:1 on white.

export type SeriesPattern = 'solid' | 'hatched' | 'dotted';

export interface ChartSeries<Key extends string = string> {
  /** The data field the series reads. */
  key: Key;
  /** The legend's words, which also name the pattern ("Forecast (hatched bars)"). */
  label: string;
  pattern: SeriesPattern;
  colour: string;
  /** Series with the same stack id are drawn on top of each other. */
  stackId?: string;
}

export const CHART_COLOURS = {
  primary: '#0b5394', // 7.8:1
  amber: '#8a4b00', // 6.3:1
  red: '#8b1414', // 8.3:1
  grey: '#545b64', // 6.9:1
} as const;

/** The SVG fill of a series: a colour, or a pattern defined in the chart's own <defs>. */
export function seriesFill(series: ChartSeries, patternId: string): string {
  return series.pattern === 'solid' ? series.colour : `url(#${patternId})`;
}

/** The pattern words the legend adds to a bar series' label. */
export const PATTERN_WORDS: Record<SeriesPattern, string> = {
  solid: 'solid',
  hatched: 'hatched',
  dotted: 'dotted',
};
