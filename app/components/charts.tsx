/**
 * Charts drawn on the server as SVG: no script, no library, a few hundred bytes each. Every chart
 * is an image with a title and a description a screen reader reads; its figures are always in a
 * table on the same page too (`tableId`), which is where the exact numbers live. Sizes are in the
 * viewBox's units; the figure scales to the column's width up to a readable maximum.
 */

export type ChartDatum = { label: string; value: number; display: string };

type ChartProps = {
  /** The chart's title, shown above it and read as the image's name. */
  title: string;
  /** What the bars measure, with its unit ("Net revenue (£)"). */
  valueLabel: string;
  /** What the bars are ("Location", "Day"). */
  categoryLabel: string;
  data: ChartDatum[];
  /** The id of the table on the page that holds the same figures. */
  tableId: string;
  /** The top of the value axis when it has one (100 for a percentage); else the highest figure. */
  scaleMax?: number;
};

const WIDTH = 320;
const INK = "#1c2326";
const MUTED = "#566166";
const BAR = "#0e5a53";
const LINE = "#d5dcdf";

function summary({ valueLabel, categoryLabel, data }: ChartProps): string {
  if (data.length === 0) return `No figures for ${categoryLabel.toLowerCase()} in this period.`;
  const top = data.reduce((a, b) => (b.value > a.value ? b : a));
  return `${valueLabel} by ${categoryLabel.toLowerCase()}, ${data.length} bars. Highest: ${top.label}, ${top.display}.`;
}

function Frame({ props, height, children }: { props: ChartProps; height: number; children: React.ReactNode }) {
  const id = `${props.tableId}-chart`;
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        style={{ maxWidth: "28rem", height: "auto" }}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        fontSize="13"
        fontFamily="system-ui, sans-serif"
      >
        <title id={`${id}-title`}>{props.title}</title>
        <desc id={`${id}-desc`}>{summary(props)}</desc>
        {children}
      </svg>
      <figcaption>
        {props.title}. <a href={`#${props.tableId}`}>The figures are in the table</a>.
      </figcaption>
    </figure>
  );
}

/** Horizontal bars, one per category, its name above it and its figure at its end: readable at 360 px. */
export function BarChart(props: ChartProps) {
  const row = 36;
  const top = 18;
  const max = Math.max(0, props.scaleMax ?? 0, ...props.data.map((d) => d.value));
  const room = WIDTH - 100;
  const height = top + Math.max(1, props.data.length) * row + 20;
  return (
    <Frame props={props} height={height}>
      <text x="0" y="13" fill={MUTED}>
        {props.categoryLabel}
      </text>
      {props.data.map((d, i) => {
        const y = top + i * row;
        const width = max > 0 && d.value > 0 ? Math.max(1, (d.value / max) * room) : 0;
        return (
          <g key={d.label}>
            <text x="0" y={y + 12} fill={INK}>
              {d.label.length > 44 ? `${d.label.slice(0, 43)}…` : d.label}
            </text>
            <rect x="0" y={y + 17} width={width} height="12" fill={BAR} />
            <text x={width + 4} y={y + 28} fill={INK}>
              {d.display}
            </text>
          </g>
        );
      })}
      <line x1="0" x2={WIDTH} y1={height - 16} y2={height - 16} stroke={LINE} />
      <text x={WIDTH} y={height - 3} textAnchor="end" fill={MUTED}>
        {props.valueLabel}
      </text>
    </Frame>
  );
}

/** Columns over time (days, weeks, months), with the highest figure marked on the value axis. */
export function ColumnChart(props: ChartProps) {
  const left = 4;
  const top = 20;
  const plot = 120;
  const height = top + plot + 38;
  const max = Math.max(0, ...props.data.map((d) => d.value));
  const step = (WIDTH - left) / Math.max(1, props.data.length);
  const gap = step > 6 ? 1 : 0;
  // Label a handful of columns so their names never overlap.
  const every = Math.max(1, Math.ceil(props.data.length / 5));
  const top_ = props.data.find((d) => d.value === max);
  return (
    <Frame props={props} height={height}>
      <text x="0" y="13" fill={MUTED}>
        {props.valueLabel}
        {top_ && max > 0 ? ` (highest ${top_.display})` : ""}
      </text>
      <line x1={left} x2={WIDTH} y1={top + plot} y2={top + plot} stroke={LINE} />
      {props.data.map((d, i) => {
        const h = max > 0 && d.value > 0 ? Math.max(1, (d.value / max) * plot) : 0;
        const x = left + i * step;
        return (
          <g key={d.label}>
            <rect x={x} y={top + plot - h} width={Math.max(1, step - gap)} height={h} fill={BAR}>
              <title>{`${d.label}: ${d.display}`}</title>
            </rect>
            {i % every === 0 ? (
              <text x={x} y={top + plot + 15} fill={INK}>
                {d.label}
              </text>
            ) : null}
          </g>
        );
      })}
      <text x={WIDTH} y={height - 3} textAnchor="end" fill={MUTED}>
        {props.categoryLabel}
      </text>
    </Frame>
  );
}
