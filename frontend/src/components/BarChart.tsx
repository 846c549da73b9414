export interface Bar {
  label: string;
  value: number;
}

interface BarChartProps {
  /** What the chart shows, its caption and the name screen readers give its list. */
  title: string;
  bars: Bar[];
  /** A value in words, e.g. "12 matches"; numbers as they are by default. */
  format?: (value: number) => string;
  /** Said when there are no bars. */
  empty?: string;
  /** The value of a full bar; the largest value unless given. */
  max?: number;
  /** Lines across every bar at these values (a target, such as 20 hours), which the title names. */
  marks?: number[];
}

/**
 * A horizontal bar chart drawn with plain HTML: one labelled row per bar, each bar's length its share
 * of the largest value (or of max, when the scale is fixed, as for a share of 100%). Every value is written beside its bar, so the chart reads as a list to a screen
 * reader and on a phone.
 */
export function BarChart({ title, bars, format = (value) => value.toLocaleString('en-US'), empty = 'Nothing to show yet.', max, marks }: BarChartProps) {
  const full = max ?? Math.max(0, ...bars.map((bar) => bar.value), ...(marks ?? []));
  return (
    <figure className="bar-chart">
      <figcaption>{title}</figcaption>
      {bars.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul aria-label={title}>
          {bars.map((bar) => (
            <li key={bar.label} className="bar-row">
              <span className="bar-label">{bar.label}</span>
              <ScaleBar value={bar.value} max={full} marks={marks} />
              <span className="bar-value">{format(bar.value)}</span>
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}

interface ScaleBarProps {
  value: number;
  /** The value of a full bar. */
  max: number;
  /** Lines across the bar at these values. */
  marks?: number[];
}

/** One bar from 0 to max, filled to value, with lines at the marks; hidden from screen readers, so its value is written beside it. */
export function ScaleBar({ value, max, marks = [] }: ScaleBarProps) {
  const share = (v: number) => `${max > 0 ? Math.min(100, (Math.max(0, v) / max) * 100) : 0}%`;
  return (
    <span className="bar-track" aria-hidden="true">
      <span className="bar" style={{ width: share(value) }} />
      {marks.map((mark) => (
        <span key={mark} className="bar-mark" style={{ left: share(mark) }} />
      ))}
    </span>
  );
}
