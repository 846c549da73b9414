
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

/**
 * A column chart drawn as plain SVG: columns side by side for each row (a month), one per series. The
 * drawing is hidden from screen readers; its figures are written out in a table beside it, which is
 * what a screen reader reads and what a person copies.
 */
export function ColumnChart({ caption, rowHeading, series, rows, format }: ColumnChartProps) {
  const max = Math.max(1, ...rows.flatMap((r) => r.values));
  const slot = WIDTH / Math.max(1, rows.length);
  const bar = Math.min(28, (slot * 0.7) / series.length);
  const plot = HEIGHT - AXIS - TOP;
  return (
    <figure className="column-chart">
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
