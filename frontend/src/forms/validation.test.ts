import { describe, expect, it } from 'vitest';
import {
  collectErrors,
  validateEmail,
  validateNewPassword,
  validateOrganizationName,
  validatePasswordConfirmation,
  validatePersonName,
} from './validation';

describe('validateEmail', () => {
  it.each(['dana@hartwell.example', '  a.b+c@sub.example.org '])('accepts %j', (email) => {
    expect(validateEmail(email)).toBeUndefined();
  });

  it.each(['', 'dana', 'dana@', 'dana@example', 'da na@example.org', `${'a'.repeat(250)}@x.io`])(
    'rejects %j',
    (email) => {
      expect(validateEmail(email)).toBeTruthy();
    },
  );
});

describe('validateNewPassword', () => {
  it('needs 12 to 256 characters', () => {
    expect(validateNewPassword('a'.repeat(11))).toMatch(/at least 12/);
    expect(validateNewPassword('a'.repeat(12))).toBeUndefined();
    expect(validateNewPassword('a'.repeat(256))).toBeUndefined();
    expect(validateNewPassword('a'.repeat(257))).toMatch(/at most 256/);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(validateNewPassword('🔒'.repeat(11))).toMatch(/at least 12/);
    expect(validateNewPassword('🔒'.repeat(12))).toBeUndefined();
  });
});

describe('validatePasswordConfirmation', () => {
  it('needs the same password twice', () => {
    expect(validatePasswordConfirmation('correct horse battery', 'correct horse battery')).toBeUndefined();
    expect(validatePasswordConfirmation('correct horse battery', 'correct horse')).toMatch(/do not match/);
    expect(validatePasswordConfirmation('correct horse battery', '')).toBeTruthy();
  });
});

describe('validatePersonName', () => {
  it('needs 1 to 200 characters after trimming', () => {
    expect(validatePersonName('   ')).toBeTruthy();
    expect(validatePersonName('D')).toBeUndefined();
    expect(validatePersonName('a'.repeat(200))).toBeUndefined();
    expect(validatePersonName('a'.repeat(201))).toBeTruthy();
  });
});

describe('validateOrganizationName', () => {
  it('needs 2 to 200 characters', () => {
    expect(validateOrganizationName('A')).toBeTruthy();
    expect(validateOrganizationName('AB')).toBeUndefined();
    expect(validateOrganizationName('a'.repeat(201))).toBeTruthy();
  });
});

describe('collectErrors', () => {
  it('drops fields without a message', () => {
    expect(collectErrors({ email: undefined, password: 'Too short' })).toEqual({ password: 'Too short' });
  });
});
