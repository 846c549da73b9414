/** Accounts created by `probono seed`. */
export const DEMO_PASSWORD = 'probono-demo-2026';

export const coordinator = {
  email: 'coordinator@hartwell.example',
  password: DEMO_PASSWORD,
  name: 'Dana Whitfield',
  organization: 'Hartwell & Pierce LLP',
};

export const nonprofitStaff = {
  email: 'staff@northside.example',
  password: DEMO_PASSWORD,
  name: 'Lena Ortiz',
  organization: 'Northside Legal Aid Society',
};

/** Hartwell & Pierce's housing attorney, admitted in Illinois, with room for more matters. */
export const attorney = {
  email: 'priya.raman@hartwell.example',
  password: DEMO_PASSWORD,
  name: 'Priya Raman',
  organization: 'Hartwell & Pierce LLP',
};

export const platformAdmin = {
  email: 'admin@probono.example',
  password: DEMO_PASSWORD,
  name: 'Pat Alvarez',
  organization: 'Probono Match',
};
