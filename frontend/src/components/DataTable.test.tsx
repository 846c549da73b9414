// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { DataTable } from './DataTable';

afterEach(cleanup);

/** A row that grows a cell of its own, as rows that open a form below themselves do. */
function Row({ name }: { name: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <tr>
        <th scope="row">{name}</th>
        <td>
          <button type="button" onClick={() => setOpen(true)}>
            Open {name}
          </button>
        </td>
      </tr>
      {open && (
        <tr>
          <td colSpan={2}>Details of {name}</td>
        </tr>
      )}
    </>
  );
}

function Table({ names }: { names: string[] }) {
  return (
    <DataTable columns={['Name', 'Actions']}>
      {names.map((name) => (
        <Row key={name} name={name} />
      ))}
    </DataTable>
  );
}

const labels = () => [...document.querySelectorAll('tbody th, tbody td')].map((cell) => cell.getAttribute('data-label'));

describe('DataTable', () => {
  it('labels every cell with its column, also in rows added or opened later, but not a cell spanning columns', async () => {
    const { rerender } = render(<Table names={['Castellan Brooks LLP']} />);
    expect(labels()).toEqual(['Name', 'Actions']);

    // Rows that come later are labelled by the observer, a microtask later: before the browser paints.
    rerender(<Table names={['Castellan Brooks LLP', 'Hartwell & Pierce LLP']} />);
    await waitFor(() => expect(labels()).toEqual(['Name', 'Actions', 'Name', 'Actions']));

    await userEvent.setup().click(screen.getByRole('button', { name: 'Open Hartwell & Pierce LLP' }));
    await waitFor(() => expect(labels()).toEqual(['Name', 'Actions', 'Name', 'Actions', null]));
    expect(screen.getAllByRole('rowheader').map((cell) => cell.textContent)).toEqual(['Castellan Brooks LLP', 'Hartwell & Pierce LLP']);
  });
});
