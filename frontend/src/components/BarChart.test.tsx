// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { BarChart } from './BarChart';

afterEach(cleanup);

describe('BarChart', () => {
  it('draws each bar as its share of the largest value and writes every value beside it', () => {
    const { container } = render(
      <BarChart
        title="Matches per month"
        bars={[
          { label: 'Oct 2026', value: 2 },
          { label: 'Nov 2026', value: 8 },
          { label: 'Dec 2026', value: 0 },
        ]}
        format={(n) => `${n} matches`}
      />,
    );
    const rows = within(screen.getByRole('list', { name: 'Matches per month' })).getAllByRole('listitem');
    expect(rows.map((row) => row.textContent)).toEqual(['Oct 20262 matches', 'Nov 20268 matches', 'Dec 20260 matches']);
    const widths = [...container.querySelectorAll<HTMLElement>('.bar')].map((bar) => bar.style.width);
    expect(widths).toEqual(['25%', '100%', '0%']);
  });

  it('draws on a fixed scale with lines at the marks when asked', () => {
    const { container } = render(<BarChart title="Hours per attorney" bars={[{ label: 'Priya', value: 10 }]} max={40} marks={[20]} />);
    expect(container.querySelector<HTMLElement>('.bar')?.style.width).toBe('25%');
    expect(container.querySelector<HTMLElement>('.bar-mark')?.style.left).toBe('50%');
  });

  it('says so when there is nothing to draw', () => {
    render(<BarChart title="Matches per month" bars={[]} empty="No matches in this period." />);
    expect(screen.getByText('No matches in this period.')).toBeTruthy();
    expect(screen.queryByRole('list')).toBeNull();
  });
});
