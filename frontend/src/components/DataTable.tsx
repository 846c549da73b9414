import { useLayoutEffect, useRef, type ReactNode } from 'react';

interface DataTableProps {
  /** Column headings, in order. */
  columns: string[];
  /** The table's rows. */
  children: ReactNode;
}

/**
 * A table that, on a narrow screen, shows each row as a card with every value labelled by its
 * column's heading (see tables.css), so nothing is cut off or hidden off to the side.
 *
 * The rows are any components, so the labels are put on their cells here: each cell is given its
 * column's heading as data-label, again whenever rows or cells come and go. Explicit roles keep the
 * table a table to screen readers once the narrow layout displays its parts as blocks.
 */
export function DataTable({ columns, children }: DataTableProps) {
  const body = useRef<HTMLTableSectionElement>(null);
  // A key that changes only when the headings do, though callers pass a new array each render.
  const headings = JSON.stringify(columns);

  useLayoutEffect(() => {
    const tbody = body.current;
    if (!tbody) return;
    const label = () => labelCells(tbody, JSON.parse(headings) as string[]);
    label();
    // Attributes are not observed, so labelling does not wake the observer again.
    const observer = new MutationObserver(label);
    observer.observe(tbody, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [headings]);

  return (
    <div className="table-wrap">
      <table role="table">
        <thead role="rowgroup">
          <tr role="row">
            {columns.map((column) => (
              <th key={column} scope="col" role="columnheader">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody ref={body} role="rowgroup">
          {children}
        </tbody>
      </table>
    </div>
  );
}

/** Gives every cell of the body its column's heading and its role; a cell spanning columns gets no label. */
function labelCells(tbody: HTMLTableSectionElement, columns: string[]) {
  for (const row of tbody.rows) {
    setAttribute(row, 'role', 'row');
    let column = 0;
    for (const cell of row.cells) {
      setAttribute(cell, 'role', cell.tagName === 'TH' ? 'rowheader' : 'cell');
      const label = cell.colSpan === 1 ? columns[column] : undefined;
      if (label) setAttribute(cell, 'data-label', label);
      else cell.removeAttribute('data-label');
      column += cell.colSpan;
    }
  }
}

function setAttribute(element: Element, name: string, value: string) {
  if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}
