import { api } from './client';
import { unwrap } from './problem';
import type { AttorneyCredit, BillableHours, BillableHoursInput, CreditLedgerRow, CreditPolicy, CreditPolicyInput, FirmCredit } from './types';

export interface CreditLedgerPage {
  items: CreditLedgerRow[];
  next_cursor?: string;
}

/** An attorney's hours and credit in a fiscal year (the current one unless given). */
export const getAttorneyCredit = (attorneyId: string, fiscalYear?: number): Promise<AttorneyCredit> =>
  unwrap(api.GET('/credit/attorneys/{attorneyId}', { params: { path: { attorneyId }, query: { fiscal_year: fiscalYear } } }));

/** A firm's hours, credit and Pro Bono Challenge standing in a fiscal year, attorney by attorney. */
export const getFirmCredit = (firmId: string, fiscalYear?: number): Promise<FirmCredit> =>
  unwrap(api.GET('/credit/firms/{firmId}', { params: { path: { firmId }, query: { fiscal_year: fiscalYear } } }));

/** The firm's credit policy versions, newest first. */
export const listCreditPolicies = async (): Promise<CreditPolicy[]> => (await unwrap(api.GET('/credit-policies'))).items;

/** A new version of the policy from its effective date; earlier versions and the credit they granted stay. */
export const createCreditPolicy = (input: CreditPolicyInput): Promise<CreditPolicy> => unwrap(api.POST('/credit-policies', { body: input }));

/** The firm's client-paying billable hours in a year, against which the Challenge percentage is counted. */
export const putBillableHours = (firmId: string, year: number, input: BillableHoursInput): Promise<BillableHours> =>
  unwrap(api.PUT('/credit/firms/{firmId}/billable-hours/{year}', { params: { path: { firmId, year } }, body: input }));

/** The credit each of an attorney's approved entries earned in a fiscal year, and why, newest first. */
export const listCreditLedger = (attorneyId: string, fiscalYear: number, cursor?: string): Promise<CreditLedgerPage> =>
  unwrap(api.GET('/credit/ledger', { params: { query: { attorney_id: attorneyId, fiscal_year: fiscalYear, cursor, limit: 50 } } }));
