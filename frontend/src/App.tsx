import { Route, Routes } from 'react-router-dom';
import type { Role } from './api/types';
import { RequireAuth } from './auth/RequireAuth';
import { AcceptInvitationPage } from './pages/AcceptInvitationPage';
import { AttorneyProfilePage } from './pages/AttorneyProfilePage';
import { AttorneysPage } from './pages/AttorneysPage';
import { AuditPage } from './pages/AuditPage';
import { ConflictsPage } from './pages/ConflictsPage';
import { DevMailboxPage } from './pages/DevMailboxPage';
import { FeedbackPage } from './pages/FeedbackPage';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage';
import { HomePage } from './pages/HomePage';
import { ImpactPage } from './pages/ImpactPage';
import { LoginPage } from './pages/LoginPage';
import { MatchingSettingsPage } from './pages/MatchingSettingsPage';
import { MatterPage } from './pages/MatterPage';
import { MattersPage } from './pages/MattersPage';
import { MembersPage } from './pages/MembersPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { NotificationPreferencesPage } from './pages/NotificationPreferencesPage';
import { NotificationsPage } from './pages/NotificationsPage';
import { OfferPage } from './pages/OfferPage';
import { OffersPage } from './pages/OffersPage';
import { OpportunitiesPage } from './pages/OpportunitiesPage';
import { ProposalsPage } from './pages/ProposalsPage';
import { OrganizationsPage } from './pages/OrganizationsPage';
import { PartnershipsPage } from './pages/PartnershipsPage';
import { ProfilePage } from './pages/ProfilePage';
import { ReferralDetailPage } from './pages/ReferralDetailPage';
import { ReferralFormPage } from './pages/ReferralFormPage';
import { ReferralsPage } from './pages/ReferralsPage';
import { ReportsPage } from './pages/ReportsPage';
import { ResetPasswordPage } from './pages/ResetPasswordPage';
import { ToClearPage } from './pages/ToClearPage';
import { ApprovalsPage } from './pages/ApprovalsPage';
import { CreditPage } from './pages/CreditPage';
import { CreditPolicyPage } from './pages/CreditPolicyPage';
import { TimesheetPage } from './pages/TimesheetPage';
import { TimeExchangePage } from './pages/TimeExchangePage';
import { REFERRING_KINDS } from './domain/referrals';
import { AppShell } from './shell/AppShell';
import { PublicLayout } from './shell/PublicLayout';
import { RequireRole } from './shell/RequireRole';

const REFERRER_ROLES: Role[] = ['nonprofit_staff', 'org_admin'];
const FIRM_MANAGERS: Role[] = ['coordinator', 'org_admin'];

export function App() {
  return (
    <Routes>
      <Route element={<PublicLayout />}>
        <Route path="login" element={<LoginPage />} />
        <Route path="forgot-password" element={<ForgotPasswordPage />} />
        <Route path="reset-password" element={<ResetPasswordPage />} />
        <Route path="invite" element={<AcceptInvitationPage />} />
        <Route path="feedback/:token" element={<FeedbackPage />} />
      </Route>
      <Route
        element={
          <RequireAuth>
            <AppShell />
          </RequireAuth>
        }
      >
        <Route index element={<HomePage />} />
        <Route path="profile" element={<ProfilePage />} />
        <Route path="notifications" element={<NotificationsPage />} />
        <Route path="notifications/preferences" element={<NotificationPreferencesPage />} />
        <Route
          path="members"
          element={
            <RequireRole roles={['org_admin', 'coordinator']}>
              <MembersPage />
            </RequireRole>
          }
        />
        <Route
          path="organizations"
          element={
            <RequireRole roles={['platform_admin']}>
              <OrganizationsPage />
            </RequireRole>
          }
        />
        <Route
          path="admin/dev-mailbox"
          element={
            <RequireRole roles={['platform_admin']}>
              <DevMailboxPage />
            </RequireRole>
          }
        />
        <Route
          path="admin/matching"
          element={
            <RequireRole roles={['platform_admin']}>
              <MatchingSettingsPage />
            </RequireRole>
          }
        />
        <Route
          path="organizations/:orgId/members"
          element={
            <RequireRole roles={['platform_admin']}>
              <MembersPage />
            </RequireRole>
          }
        />
        <Route
          path="profile/attorney"
          element={
            <RequireRole roles={['attorney']} kinds={['law_firm']}>
              <AttorneyProfilePage />
            </RequireRole>
          }
        />
        <Route
          path="partnerships"
          element={
            <RequireRole roles={['org_admin', 'coordinator', 'nonprofit_staff', 'platform_admin']}>
              <PartnershipsPage />
            </RequireRole>
          }
        />
        <Route path="referrals" element={<ReferralsPage />} />
        <Route
          path="referrals/new"
          element={
            <RequireRole roles={REFERRER_ROLES} kinds={REFERRING_KINDS}>
              <ReferralFormPage />
            </RequireRole>
          }
        />
        <Route path="referrals/:id" element={<ReferralDetailPage />} />
        <Route
          path="referrals/:id/edit"
          element={
            <RequireRole roles={REFERRER_ROLES} kinds={REFERRING_KINDS}>
              <ReferralFormPage />
            </RequireRole>
          }
        />
        <Route
          path="attorneys"
          element={
            <RequireRole roles={FIRM_MANAGERS} kinds={['law_firm']}>
              <AttorneysPage />
            </RequireRole>
          }
        />
        <Route
          path="attorneys/:userId"
          element={
            <RequireRole roles={FIRM_MANAGERS} kinds={['law_firm']}>
              <AttorneyProfilePage />
            </RequireRole>
          }
        />
        <Route
          path="conflicts"
          element={
            <RequireRole roles={FIRM_MANAGERS} kinds={['law_firm']}>
              <ConflictsPage />
            </RequireRole>
          }
        />
        <Route
          path="proposals"
          element={
            <RequireRole roles={FIRM_MANAGERS} kinds={['law_firm']}>
              <ProposalsPage />
            </RequireRole>
          }
        />
        <Route
          path="to-clear"
          element={
            <RequireRole roles={FIRM_MANAGERS} kinds={['law_firm']}>
              <ToClearPage />
            </RequireRole>
          }
        />
        {/* Offers and matters answer whoever may see them (the server decides); the bell links here. */}
        <Route path="offers" element={<OffersPage />} />
        <Route path="offers/:id" element={<OfferPage />} />
        <Route path="matters" element={<MattersPage />} />
        <Route path="matters/:id" element={<MatterPage />} />
        <Route
          path="opportunities"
          element={
            <RequireRole roles={['attorney']} kinds={['law_firm']}>
              <OpportunitiesPage />
            </RequireRole>
          }
        />
        <Route
          path="timesheet"
          element={
            <RequireRole roles={['attorney']} kinds={['law_firm']}>
              <TimesheetPage />
            </RequireRole>
          }
        />
        <Route
          path="approvals"
          element={
            <RequireRole roles={FIRM_MANAGERS} kinds={['law_firm']}>
              <ApprovalsPage />
            </RequireRole>
          }
        />
        <Route
          path="approvals/exchange"
          element={
            <RequireRole roles={FIRM_MANAGERS} kinds={['law_firm']}>
              <TimeExchangePage />
            </RequireRole>
          }
        />
        <Route
          path="credit"
          element={
            <RequireRole roles={['attorney', ...FIRM_MANAGERS]} kinds={['law_firm']}>
              <CreditPage />
            </RequireRole>
          }
        />
        <Route
          path="credit/attorneys/:attorneyId"
          element={
            <RequireRole roles={FIRM_MANAGERS} kinds={['law_firm']}>
              <CreditPage />
            </RequireRole>
          }
        />
        <Route
          path="credit/policy"
          element={
            <RequireRole roles={FIRM_MANAGERS} kinds={['law_firm']}>
              <CreditPolicyPage />
            </RequireRole>
          }
        />
        <Route
          path="impact"
          element={
            <RequireRole roles={[...REFERRER_ROLES, 'platform_admin']} kinds={[...REFERRING_KINDS, 'platform']}>
              <ImpactPage />
            </RequireRole>
          }
        />
        <Route
          path="reports"
          element={
            <RequireRole roles={['coordinator', 'org_admin', 'nonprofit_staff', 'platform_admin']}>
              <ReportsPage />
            </RequireRole>
          }
        />
        <Route
          path="audit"
          element={
            <RequireRole roles={['coordinator', 'org_admin', 'platform_admin']}>
              <AuditPage />
            </RequireRole>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
