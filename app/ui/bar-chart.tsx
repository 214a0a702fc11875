/**
 * A horizontal bar chart as plain SVG, rendered on the server: every bar has its label and
 * value as text, so it reads without colour, prints, and needs no script. Suppressed values
 * draw no bar and show their text ("fewer than 5") instead.
 */
export type Bar = { label: string; value: number | null; valueText: string };

const WIDTH = 640;
const LABEL_WIDTH = 260;
const VALUE_WIDTH = 110;
const ROW = 30;

export function BarChart({ title, bars, max }: { title: string; bars: Bar[]; max: number }) {
  const barSpace = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const height = bars.length * ROW + 8;
  return (
    <svg
      className="app-bar-chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-label={title}
      width="100%"
      preserveAspectRatio="xMinYMin meet"
    >
      {bars.map((bar, index) => {
        const y = index * ROW + 4;
        const length =
          bar.value === null || max <= 0
            ? 0
            : Math.max(2, Math.round((bar.value / max) * barSpace));
        return (
          <g key={bar.label}>
            <text x={LABEL_WIDTH - 8} y={y + 19} textAnchor="end" className="app-bar-chart__label">
              {truncate(bar.label, 34)}
            </text>
            {length > 0 ? (
              <rect
                x={LABEL_WIDTH}
                y={y + 4}
                width={length}
                height={ROW - 10}
                className="app-bar-chart__bar"
              />
            ) : null}
            <text x={LABEL_WIDTH + length + 6} y={y + 19} className="app-bar-chart__value">
              {bar.valueText}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
