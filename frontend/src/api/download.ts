/** A file the API sent, with the name the server gave it (its Content-Disposition) or a fallback. */
export interface Download {
  file: Blob;
  filename: string;
}

export function downloadFrom(file: Blob, response: Response, fallback: string): Download {
  const named = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '');
  return { file, filename: named?.[1] ?? fallback };
}
