/** Accounts created by `probono seed`. */
export const coordinator = {
  email: 'coordinator@hartwell.example',
  password: 'probono-demo-2026',
  name: 'Dana Whitfield',
  organization: 'Hartwell & Pierce LLP',
};
