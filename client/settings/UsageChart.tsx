// Tokens per day as stacked bars, one colour per model: inline SVG drawn at the width it is
// given. Screen readers get a summary; the numbers themselves are in the table beside it.
import { useEffect, useId, useRef, useState } from 'react';
import { axisTicks, compactNumber, fullNumber, shortDay, type UsageChartData } from './usage-data';

const HEIGHT = 220;
const MARGIN = { top: 10, right: 8, bottom: 26, left: 44 };
/** Room each x-axis date label needs, in pixels. */
const LABEL_SPACE = 58;

export const seriesColour = (index: number, other: boolean) =>
  other ? 'var(--series-other)' : `var(--series-${(index % 5) + 1})`;

interface UsageChartProps {
  data: UsageChartData;
  labelOf: (series: string) => string;
  isOther: (series: string) => boolean;
}

export function UsageChart({ data, labelOf, isOther }: UsageChartProps) {
  const width = useWidth();
  const titleId = useId();
  const ref = width.ref;
  const plotW = Math.max(0, width.value - MARGIN.left - MARGIN.right);
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const ticks = axisTicks(data.max);
  const top = ticks[ticks.length - 1] ?? 1;
  const y = (value: number) => MARGIN.top + plotH - (value / top) * plotH;
  const slot = data.days.length ? plotW / data.days.length : plotW;
  const barW = Math.max(2, Math.min(28, slot * 0.68));
  const labelEvery = Math.max(1, Math.ceil(LABEL_SPACE / Math.max(slot, 1)));
  const busiest = data.days.reduce(
    (best, d) => (d.total > best.total ? d : best),
    data.days[0] ?? { day: '', total: 0 },
  );
  const total = data.days.reduce((sum, d) => sum + d.total, 0);

  return (
    <div className="usage-chart" ref={ref}>
      {width.value > 0 && (
        <svg width={width.value} height={HEIGHT} role="img" aria-labelledby={titleId}>
          <title id={titleId}>
            {`Tokens per day, ${shortDay(data.days[0]?.day ?? '')} to ${shortDay(data.days.at(-1)?.day ?? '')}: ${fullNumber(total)} in all` +
              (busiest.total > 0 ? `, the most on ${shortDay(busiest.day)} (${fullNumber(busiest.total)}).` : '.')}
          </title>
          {ticks.map((tick) => (
            <g key={tick}>
              <line
                x1={MARGIN.left}
                x2={MARGIN.left + plotW}
                y1={y(tick)}
                y2={y(tick)}
                className={tick === 0 ? 'chart-baseline' : 'chart-grid'}
              />
              <text x={MARGIN.left - 6} y={y(tick)} className="chart-label" textAnchor="end" dominantBaseline="middle">
                {compactNumber(tick)}
              </text>
            </g>
          ))}
          {data.days.map((day, i) => {
            const x = MARGIN.left + i * slot;
            let stacked = 0;
            const fromEnd = data.days.length - 1 - i;
            return (
              <g key={day.day} className="chart-day">
                <title>
                  {`${shortDay(day.day)}: ${fullNumber(day.total)} tokens` +
                    data.series
                      .map((s, k) => (day.parts[k] ? `\n${labelOf(s)}: ${fullNumber(day.parts[k] ?? 0)}` : ''))
                      .join('')}
                </title>
                <rect x={x} y={MARGIN.top} width={slot} height={plotH} className="chart-hit" />
                {day.parts.map((part, k) => {
                  if (!part) return null;
                  const y0 = y(stacked);
                  stacked += part;
                  const y1 = y(stacked);
                  return (
                    <rect
                      // biome-ignore lint/suspicious/noArrayIndexKey: a series' place is its identity
                      key={k}
                      x={x + (slot - barW) / 2}
                      y={y1}
                      width={barW}
                      height={Math.max(1, y0 - y1)}
                      fill={seriesColour(k, isOther(data.series[k] ?? ''))}
                    />
                  );
                })}
                {fromEnd % labelEvery === 0 && (
                  // The last label ends at the plot's edge instead of running past it.
                  <text
                    x={fromEnd === 0 ? x + slot : x + slot / 2}
                    y={HEIGHT - 8}
                    className="chart-label"
                    textAnchor={fromEnd === 0 ? 'end' : 'middle'}
                  >
                    {shortDay(day.day)}
                  </text>
                )}
              </g>
            );
          })}
        </svg>
      )}
    </div>
  );
}

/** The element's content width, kept current as the layout changes. */
function useWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [value, setValue] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setValue(Math.floor(entry?.contentRect.width ?? 0)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, value };
}
