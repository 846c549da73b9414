import { vi } from 'vitest';

/** A CSV answer as the API sends a download: the file and the name it gives it. */
export const csvFile = (body: string, filename: string) =>
  new Response(body, { status: 200, headers: { 'Content-Type': 'text/csv', 'Content-Disposition': `attachment; filename="${filename}"` } });

/**
 * Catches the files the page hands the browser to save (see components/saveFile): their names, and
 * the text of the first.
 */
export function catchDownloads() {
  const createObjectURL = vi.fn((_: Blob) => 'blob:download');
  vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
  const names: string[] = [];
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    names.push(this.download);
  });
  return { names, firstText: () => createObjectURL.mock.calls[0][0].text() };
}
