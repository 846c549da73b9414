import type { ReactNode } from 'react';

interface DataTableProps {
  /** Column headings, in order. */
  columns: string[];
  /** The table's rows. */
  children: ReactNode;
}

/** A table that scrolls sideways on narrow screens rather than overflowing the page. */
export function DataTable({ columns, children }: DataTableProps) {
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
