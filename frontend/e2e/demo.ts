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
