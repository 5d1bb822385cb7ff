import { type DoseSchedule, formatNumber } from '@pumpdesk/domain';
import { hasWeekdaySteps, hourlyRates, rateSegments } from '../utils/daily-profile.ts';
import { minuteToTime } from '../utils/program-form.ts';
import { weekdayName } from '../utils/weekdays.ts';

interface DayRatePictureProps {
  schedule: DoseSchedule;
  /** The day shown when steps differ by weekday (the highest-dose day); 1 = Monday. */
  weekday: number;
}

const WIDTH = 480;
const HEIGHT = 120;
const AXIS = 18;

/**
 * The basal rate across 00:00–24:00 as bars, one per hour, with the same facts in words under it
 * (the picture is hidden from screen readers: the list says everything it shows).
 */
export function DayRatePicture({ schedule, weekday }: DayRatePictureProps) {
  const segments = rateSegments(schedule, weekday);
  const rates = hourlyRates(segments);
  const peak = Math.max(...rates, 0);
  const scale = peak > 0 ? (HEIGHT - AXIS - 14) / peak : 0;
  const barWidth = WIDTH / 24;
  const dayNote = hasWeekdaySteps(schedule)
    ? ` (${weekdayName(weekday)}, the day with the highest dose)`
    : '';
  return (
    <figure className="day-picture">
      <figcaption className="day-picture__title">24-hour picture: rate per hour{dayNote}</figcaption>
      <svg
        className="day-picture__svg"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        height={HEIGHT}
        aria-hidden="true"
        focusable="false"
        preserveAspectRatio="none"
      >
        <line x1="0" y1={HEIGHT - AXIS} x2={WIDTH} y2={HEIGHT - AXIS} className="day-picture__axis" />
        {rates.map((rate, hour) => {
          const height = rate * scale;
          return (
            <rect
              key={hour}
              x={hour * barWidth + 1}
              y={HEIGHT - AXIS - height}
              width={barWidth - 2}
              height={height}
              className="day-picture__bar"
            />
          );
        })}
        {[0, 6, 12, 18, 24].map((hour) => (
          <text
            key={hour}
            x={Math.min(WIDTH - 16, Math.max(0, hour * barWidth - 8))}
            y={HEIGHT - 3}
            className="day-picture__label"
          >
            {`${String(hour).padStart(2, '0')}:00`}
          </text>
        ))}
      </svg>
      <ul className="day-picture__text">
        {segments.map((segment) => (
          <li key={segment.startMinute}>
            {minuteToTime(segment.startMinute)}–{minuteToTime(segment.endMinute)}:{' '}
            {formatNumber(segment.rateMcgPerHour, 4)} mcg/h
          </li>
        ))}
      </ul>
    </figure>
  );
}
