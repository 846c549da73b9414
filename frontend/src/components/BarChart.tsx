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
}

/**
 * A horizontal bar chart drawn with plain HTML: one labelled row per bar, each bar's length its share
 * of the largest value. Every value is written beside its bar, so the chart reads as a list to a screen
 * reader and on a phone.
 */
export function BarChart({ title, bars, format = (value) => value.toLocaleString('en-US'), empty = 'Nothing to show yet.' }: BarChartProps) {
  const largest = Math.max(0, ...bars.map((bar) => bar.value));
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
              <span className="bar-track" aria-hidden="true">
                <span className="bar" style={{ width: `${largest > 0 ? (Math.max(0, bar.value) / largest) * 100 : 0}%` }} />
              </span>
              <span className="bar-value">{format(bar.value)}</span>
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
