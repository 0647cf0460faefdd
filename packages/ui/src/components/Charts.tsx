import { formatMoney } from '../app/format.js';

export type Point = { label: string; value: number };

function niceMaximum(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const normalised = value / magnitude;
  const step = normalised <= 1 ? 1 : normalised <= 2 ? 2 : normalised <= 5 ? 5 : 10;
  return step * magnitude;
}

/** Daily spend as vertical bars. The figure's text alternative states the total and the peak day. */
export function SpendOverTimeChart({ points, title }: { points: Point[]; title: string }) {
  const width = 720;
  const height = 220;
  const margin = { top: 12, right: 12, bottom: 28, left: 64 };
  const innerWidth = width - margin.left - margin.right;
  const innerHeight = height - margin.top - margin.bottom;
  const maximum = niceMaximum(Math.max(0, ...points.map((point) => point.value)));
  const total = points.reduce((sum, point) => sum + point.value, 0);
  const peak = points.reduce<Point | undefined>(
    (best, point) => (best === undefined || point.value > best.value ? point : best),
    undefined,
  );
  const slot = points.length > 0 ? innerWidth / points.length : innerWidth;
  const barWidth = Math.max(1, Math.min(28, slot * 0.7));
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((fraction) => fraction * maximum);
  const labelEvery = Math.max(1, Math.ceil(points.length / 8));
  const summary = `${title}: ${formatMoney(total)} over ${points.length} days${
    peak && peak.value > 0 ? `, highest ${formatMoney(peak.value)} on ${peak.label}` : ''
  }.`;

  return (
    <figure className="cp-chart">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={summary}
        preserveAspectRatio="xMidYMid meet"
      >
        <g transform={`translate(${margin.left},${margin.top})`}>
          {ticks.map((tick) => {
            const y = innerHeight - (tick / maximum) * innerHeight;
            return (
              <g key={tick}>
                <line x1={0} x2={innerWidth} y1={y} y2={y} className="cp-chart-grid" />
                <text x={-8} y={y} dy="0.32em" textAnchor="end" className="cp-chart-axis">
                  {formatMoney(tick)}
                </text>
              </g>
            );
          })}
          {points.map((point, index) => {
            const barHeight = (point.value / maximum) * innerHeight;
            const x = index * slot + (slot - barWidth) / 2;
            return (
              <g key={point.label}>
                <rect
                  x={x}
                  y={innerHeight - barHeight}
                  width={barWidth}
                  height={Math.max(0, barHeight)}
                  className="cp-chart-bar"
                  rx={2}
                >
                  <title>{`${point.label}: ${formatMoney(point.value)}`}</title>
                </rect>
                {index % labelEvery === 0 ? (
                  <text
                    x={x + barWidth / 2}
                    y={innerHeight + 18}
                    textAnchor="middle"
                    className="cp-chart-axis"
                  >
                    {point.label.slice(5)}
                  </text>
                ) : null}
              </g>
            );
          })}
        </g>
      </svg>
      <figcaption className="cp-visually-hidden">{summary}</figcaption>
    </figure>
  );
}

/** Ranked horizontal bars (spend by worker, team or model). */
export function BarList({ points, title, limit = 15 }: { points: Point[]; title: string; limit?: number }) {
  const shown = points.slice(0, limit);
  const maximum = Math.max(0, ...shown.map((point) => point.value)) || 1;
  const rowHeight = 26;
  const labelWidth = 180;
  const valueWidth = 90;
  const width = 720;
  const barArea = width - labelWidth - valueWidth;
  const height = Math.max(rowHeight, shown.length * rowHeight);
  return (
    <figure className="cp-chart">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`${title}: ${shown.map((point) => `${point.label} ${formatMoney(point.value)}`).join(', ')}`}
      >
        {shown.map((point, index) => {
          const y = index * rowHeight;
          const barWidth = (point.value / maximum) * barArea;
          return (
            <g key={point.label} transform={`translate(0,${y})`}>
              <text
                x={labelWidth - 8}
                y={rowHeight / 2}
                dy="0.32em"
                textAnchor="end"
                className="cp-chart-label"
              >
                {point.label.length > 24 ? `${point.label.slice(0, 23)}…` : point.label}
              </text>
              <rect
                x={labelWidth}
                y={5}
                width={Math.max(1, barWidth)}
                height={rowHeight - 10}
                rx={3}
                className="cp-chart-bar"
              >
                <title>{`${point.label}: ${formatMoney(point.value)}`}</title>
              </rect>
              <text x={labelWidth + barWidth + 6} y={rowHeight / 2} dy="0.32em" className="cp-chart-axis">
                {formatMoney(point.value)}
              </text>
            </g>
          );
        })}
      </svg>
      {points.length > limit ? (
        <figcaption className="cp-hint">
          Top {limit} of {points.length} shown.
        </figcaption>
      ) : null}
    </figure>
  );
}
