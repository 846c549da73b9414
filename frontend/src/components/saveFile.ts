/**
 * Hands a file to the browser to save, as a link to it with a download name would. Downloads go
 * through the API client (a plain link would not carry the session's token) and end here.
 */
export function saveFile(file: Blob, filename: string) {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
