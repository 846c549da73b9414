/** The If-Match header of a write to a record as the caller last read it: if someone else wrote it in between, the API answers 412. */
export const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });
