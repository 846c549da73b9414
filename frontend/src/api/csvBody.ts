/**
 * The request options that send a CSV file as the raw body, through the same client (and token
 * refresh) as every call. The schema types a binary body as a string; the browser sends the file as it is.
 */
export const csvBody = (file: Blob) => ({
  body: file as unknown as string,
  bodySerializer: (body: unknown) => body as BodyInit,
  headers: { 'Content-Type': 'text/csv' },
});
