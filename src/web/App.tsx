import { lazy, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { can, type UiPermission } from './permissions.js';
import { pendingStep, SessionProvider, useSession } from './session.js';
import { Layout } from './shell/Layout.js';
import { Loading, Page } from './shell/Page.js';
import { LoadError } from './ui/form.js';
import NotFound from './modules/home/NotFound.js';

// One lazy chunk per screen: the sign-in page loads only what it needs.
const SignIn = lazy(() => import('./modules/auth/SignIn.js'));
const MfaVerify = lazy(() => import('./modules/auth/MfaVerify.js'));
const MfaEnrol = lazy(() => import('./modules/auth/MfaEnrol.js'));
const ForgotPassword = lazy(() => import('./modules/auth/ForgotPassword.js'));
const ResetPassword = lazy(() => import('./modules/auth/ResetPassword.js'));
const AcceptInvitation = lazy(() => import('./modules/auth/AcceptInvitation.js'));
const Home = lazy(() => import('./modules/home/Home.js'));
const Profile = lazy(() => import('./modules/profile/Profile.js'));
const UsersList = lazy(() => import('./modules/users/UsersList.js'));
const UserDetail = lazy(() => import('./modules/users/UserDetail.js'));
const Organisation = lazy(() => import('./modules/organisations/Organisation.js'));
const AuditLog = lazy(() => import('./modules/audit-log/AuditLog.js'));
const WaitingList = lazy(() => import('./modules/waiting-list/WaitingList.js'));
const MyApplication = lazy(() => import('./modules/waiting-list/MyApplication.js'));
const MatchFamily = lazy(() => import('./modules/matching/MatchFamily.js'));
const MatchProposal = lazy(() => import('./modules/matching/Proposal.js'));
const Volunteers = lazy(() => import('./modules/matching/Volunteers.js'));
const VolunteerDetail = lazy(() => import('./modules/matching/VolunteerDetail.js'));
const MyVolunteerProfile = lazy(() => import('./modules/matching/MyVolunteerProfile.js'));
const MyOffers = lazy(() => import('./modules/matching/MyOffers.js'));
const PublicApplication = lazy(() => import('./modules/intake/PublicApplication.js'));
const ApplicationsInbox = lazy(() => import('./modules/intake/Inbox.js'));
const NewApplication = lazy(() => import('./modules/intake/NewApplication.js'));
const ApplicationDetail = lazy(() => import('./modules/intake/ApplicationDetail.js'));
const MyFamilies = lazy(() => import('./modules/trajectories/MyFamilies.js'));
const TrajectoryList = lazy(() => import('./modules/trajectories/TrajectoryList.js'));
const Dossier = lazy(() => import('./modules/trajectories/Dossier.js'));
const Glossary = lazy(() => import('./modules/glossary/Glossary.js'));
const MeetingPage = lazy(() => import('./modules/trajectories/plan/MeetingPage.js'));
const ReportPage = lazy(() => import('./modules/reports/ReportPage.js'));
const MyReports = lazy(() => import('./modules/reports/MyReports.js'));
const ParentReview = lazy(() => import('./modules/reports/ParentReview.js'));
const LetterEditor = lazy(() => import('./modules/documents/LetterEditor.js'));
const Questionnaire = lazy(() => import('./modules/satisfaction/Questionnaire.js'));
const Results = lazy(() => import('./modules/satisfaction/Results.js'));
const CalendarFeed = lazy(() => import('./modules/legal/CalendarFeed.js'));
// issue 6: the parent in charge
const SignInLink = lazy(() => import('./modules/auth/SignInLink.js'));
const ParentHome = lazy(() => import('./modules/portal/ParentHome.js'));
const MyConsents = lazy(() => import('./modules/consent/MyConsents.js'));
const SharedItem = lazy(() => import('./modules/consent/SharedItem.js'));
const MyPrivacy = lazy(() => import('./modules/privacy/MyPrivacy.js'));
const PrivacyRequests = lazy(() => import('./modules/privacy/PrivacyRequests.js'));
const Retention = lazy(() => import('./modules/privacy/Retention.js'));

/** Waits for the session; shows a friendly page (never a blank one) when it cannot be read. */
function SessionGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { status, refresh } = useSession();
  if (status === 'loading') return <Loading />;
  if (status === 'error')
    return (
      <Page title={t('errors.unavailable.title')}>
        <LoadError error={null} onRetry={() => void refresh().catch(() => {})} />
      </Page>
    );
  return <>{children}</>;
}

/** A page for fully signed-in users (with a permission, if given). Others go to sign-in with a message. */
function Protected({ children, permission }: { children: ReactNode; permission?: UiPermission }) {
  const { user } = useSession();
  const location = useLocation();
  if (!user) {
    const from = location.pathname + location.search;
    return <Navigate to="/sign-in" replace state={{ from, required: from !== '/' }} />;
  }
  const step = pendingStep(user);
  if (step) return <Navigate to={step} replace state={{ from: location.pathname }} />;
  if (permission && !can(user.role, permission)) return <NotFound />;
  return <>{children}</>;
}

/** Two-factor steps: only between a correct password and a full session. */
function PendingStep({ children, step }: { children: ReactNode; step: '/sign-in/code' | '/sign-in/enrol' }) {
  const { user } = useSession();
  const location = useLocation();
  if (!user) return <Navigate to="/sign-in" replace />;
  const pending = pendingStep(user);
  if (!pending) return <Navigate to={safeFrom(location.state)} replace />;
  if (pending !== step) return <Navigate to={pending} replace state={location.state} />;
  return <>{children}</>;
}

/** Only same-site paths: a crafted state must not send the user elsewhere. */
function safeFrom(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/sign-in') ? from : '/';
}

/** The sign-in page is for signed-out visitors; after signing in, go on to two-factor or to the page asked for. */
function SignedOutOnly({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const location = useLocation();
  if (user) {
    const from = safeFrom(location.state);
    return <Navigate to={pendingStep(user) ?? from} replace state={{ from }} />;
  }
  return <>{children}</>;
}

export function App() {
  return (
    <BrowserRouter>
      <SessionProvider>
        <Routes>
          <Route
            element={
              <SessionGate>
                <Layout />
              </SessionGate>
            }
          >
            <Route path="/sign-in" element={<SignedOutOnly><SignIn /></SignedOutOnly>} />
            <Route path="/sign-in/code" element={<PendingStep step="/sign-in/code"><MfaVerify /></PendingStep>} />
            <Route path="/sign-in/enrol" element={<PendingStep step="/sign-in/enrol"><MfaEnrol /></PendingStep>} />
            <Route path="/forgot-password" element={<ForgotPassword />} />
            <Route path="/reset-password" element={<ResetPassword />} />
            <Route path="/invitation" element={<AcceptInvitation />} />
            <Route path="/inloggen/link" element={<SignInLink />} />
            <Route index element={<Protected><Home /></Protected>} />
            <Route path="/profile" element={<Protected><Profile /></Protected>} />
            <Route path="/users" element={<Protected permission="users.read"><UsersList /></Protected>} />
            <Route path="/users/:id" element={<Protected permission="users.read"><UserDetail /></Protected>} />
            <Route path="/organisation" element={<Protected permission="org.settings.read"><Organisation /></Protected>} />
            <Route path="/audit-log" element={<Protected permission="audit.read"><AuditLog /></Protected>} />
            <Route path="/aanmelden/:orgId" element={<PublicApplication />} />
            <Route path="/aanmeldingen" element={<Protected permission="applications.read"><ApplicationsInbox /></Protected>} />
            <Route path="/aanmeldingen/nieuw" element={<Protected permission="applications.manage"><NewApplication /></Protected>} />
            <Route path="/aanmeldingen/:id" element={<Protected permission="applications.read"><ApplicationDetail /></Protected>} />
            <Route path="/wachtlijst" element={<Protected permission="applications.read"><WaitingList /></Protected>} />
            <Route path="/wachtlijst/voorstel" element={<Protected permission="matching.manage"><MatchProposal /></Protected>} />
            <Route path="/aanmeldingen/:id/matchen" element={<Protected permission="matching.manage"><MatchFamily /></Protected>} />
            <Route path="/vrijwilligers" element={<Protected permission="volunteers.read"><Volunteers /></Protected>} />
            <Route path="/vrijwilligers/:userId" element={<Protected permission="volunteers.read"><VolunteerDetail /></Protected>} />
            <Route path="/mijn-beschikbaarheid" element={<Protected permission="volunteer_profile.self"><MyVolunteerProfile /></Protected>} />
            <Route path="/mijn-koppelingen" element={<Protected permission="matches.respond"><MyOffers /></Protected>} />
            <Route path="/mijn-aanmelding" element={<Protected permission="applications.own"><MyApplication /></Protected>} />
            <Route path="/mijn-gezinnen" element={<Protected permission="trajectories.read"><MyFamilies /></Protected>} />
            <Route path="/trajecten" element={<Protected permission="trajectories.close"><TrajectoryList /></Protected>} />
            <Route path="/trajecten/:id" element={<Protected permission="trajectories.read"><Dossier /></Protected>} />
            <Route path="/trajecten/:id/gesprekken/:meetingId" element={<Protected permission="trajectories.read"><MeetingPage /></Protected>} />
            <Route path="/trajecten/:id/verslagen/:reportId" element={<Protected permission="trajectories.read"><ReportPage /></Protected>} />
            <Route path="/trajecten/:id/brieven/:letterId" element={<Protected permission="trajectories.read"><LetterEditor /></Protected>} />
            <Route path="/mijn-verslagen" element={<Protected permission="reports.review"><MyReports /></Protected>} />
            <Route path="/mijn-verslagen/:reportId" element={<Protected permission="reports.review"><ParentReview /></Protected>} />
            <Route path="/resultaten" element={<Protected permission="trajectories.close"><Results /></Protected>} />
            <Route path="/agenda" element={<Protected permission="trajectories.read"><CalendarFeed /></Protected>} />
            <Route path="/tevredenheid/:token" element={<Questionnaire />} />
            <Route path="/woordenlijst" element={<Glossary />} />
            <Route path="/mijn-gezin" element={<Protected permission="portal.own"><ParentHome /></Protected>} />
            <Route path="/toestemmingen" element={<Protected permission="consent.own"><MyConsents /></Protected>} />
            <Route path="/mijn-privacy" element={<Protected permission="privacy.own"><MyPrivacy /></Protected>} />
            <Route path="/privacyverzoeken" element={<Protected permission="privacy.manage"><PrivacyRequests /></Protected>} />
            <Route path="/bewaren" element={<Protected permission="retention.manage"><Retention /></Protected>} />
            <Route path="/gedeeld/:token" element={<SharedItem />} />
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      </SessionProvider>
    </BrowserRouter>
  );
}
