import { Route, Routes } from 'react-router-dom';
import { RequireAuth } from './auth/RequireAuth';
import { AcceptInvitationPage } from './pages/AcceptInvitationPage';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage';
import { HomePage } from './pages/HomePage';
import { LoginPage } from './pages/LoginPage';
import { MembersPage } from './pages/MembersPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { OrganizationsPage } from './pages/OrganizationsPage';
import { ProfilePage } from './pages/ProfilePage';
import { ResetPasswordPage } from './pages/ResetPasswordPage';
import { AppShell } from './shell/AppShell';
import { PublicLayout } from './shell/PublicLayout';
import { RequireRole } from './shell/RequireRole';

export function App() {
  return (
    <Routes>
      <Route element={<PublicLayout />}>
        <Route path="login" element={<LoginPage />} />
        <Route path="forgot-password" element={<ForgotPasswordPage />} />
        <Route path="reset-password" element={<ResetPasswordPage />} />
        <Route path="invite" element={<AcceptInvitationPage />} />
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
          path="organizations/:orgId/members"
          element={
            <RequireRole roles={['platform_admin']}>
              <MembersPage />
            </RequireRole>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
