/**
 * Bar charts drawn as plain SVG. The drawings are hidden from screen readers: every figure they show
 * is also written out as text beside them (a table, or the number at the end of each bar), which is
 * what a screen reader reads and what a person copies.
 */

export interface ColumnSeries {
  name: string;
  /** The bars' class in charts.css, which gives them their colour. */
  className: string;
}

export interface ColumnRow {
  label: string;
  /** Short label under the column ("Nov"), the full one staying in the table. */
  short: string;
  values: number[];
}

interface ColumnChartProps {
  caption: string;
  /** The heading of the table's first column: "Month". */
  rowHeading: string;
  series: ColumnSeries[];
  rows: ColumnRow[];
  /** Formats a value for the table: "12.5 h". */
  format: (value: number) => string;
}

const WIDTH = 640;
const HEIGHT = 220;
const AXIS = 24;
const TOP = 8;

/** Columns side by side for each row (a month), with the figures in a table next to the drawing. */
export function ColumnChart({ caption, rowHeading, series, rows, format }: ColumnChartProps) {
  const max = Math.max(1, ...rows.flatMap((r) => r.values));
  const slot = WIDTH / Math.max(1, rows.length);
  const bar = Math.min(28, (slot * 0.7) / series.length);
  const plot = HEIGHT - AXIS - TOP;
  return (
    <figure className="chart">
      <figcaption>{caption}</figcaption>
      <div className="chart-body">
        <svg className="chart-drawing" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} aria-hidden="true" focusable="false">
          <line className="chart-axis" x1={0} x2={WIDTH} y1={HEIGHT - AXIS} y2={HEIGHT - AXIS} />
          {rows.map((row, i) => {
            const start = i * slot + (slot - bar * series.length) / 2;
            return (
              <g key={row.label}>
                {row.values.map((value, s) => {
                  const h = (value / max) * plot;
                  return <rect key={series[s].name} className={series[s].className} x={start + s * bar} y={HEIGHT - AXIS - h} width={bar - 2} height={h} />;
                })}
                <text className="chart-label" x={i * slot + slot / 2} y={HEIGHT - 6} textAnchor="middle">
                  {row.short}
                </text>
              </g>
            );
          })}
        </svg>
        <table className="chart-figures">
          <thead>
            <tr>
              <th scope="col">{rowHeading}</th>
              {series.map((s) => (
                <th key={s.name} scope="col">
                  <span className={`chart-key ${s.className}`} aria-hidden="true" /> {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                {row.values.map((value, s) => (
                  <td key={series[s].name} className="figure">
                    {format(value)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

export interface BarRow {
  label: string;
  value: number;
  /** The value as text at the end of the bar: "12.5 h", "40%". */
  figure: string;
}

interface BarListProps {
  caption: string;
  rows: BarRow[];
  /** The value of a full bar; the largest value unless given. */
  max?: number;
  /** Lines across every bar at these values (the Challenge's marks), named in the caption. */
  marks?: number[];
}

/** One horizontal bar per row, its label before it and its figure after it. */
export function BarList({ caption, rows, max, marks = [] }: BarListProps) {
  const full = max ?? Math.max(1, ...rows.map((r) => r.value), ...marks);
  return (
    <figure className="chart">
      <figcaption>{caption}</figcaption>
      <ul className="bar-list">
        {rows.map((row) => (
          <li key={row.label} className="bar-row">
            <span className="bar-label">{row.label}</span>
            <Bar value={row.value} max={full} marks={marks} />
            <span className="bar-figure">{row.figure}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}

interface BarProps {
  value: number;
  max: number;
  marks?: number[];
}

/** A single bar from 0 to max, filled to value, with lines at the marks. */
export function Bar({ value, max, marks = [] }: BarProps) {
  const x = (v: number) => `${Math.max(0, Math.min(100, (v / Math.max(max, Number.EPSILON)) * 100))}%`;
  return (
    <svg className="bar" aria-hidden="true" focusable="false" preserveAspectRatio="none">
      <rect className="bar-track" x={0} y={0} width="100%" height="100%" />
      <rect className="bar-fill" x={0} y={0} width={x(value)} height="100%" />
      {marks.map((m) => (
        <line key={m} className="bar-mark" x1={x(m)} x2={x(m)} y1={0} y2="100%" />
      ))}
    </svg>
  );
}
