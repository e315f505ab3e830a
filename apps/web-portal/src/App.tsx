import { lazy, Suspense } from 'react';
import { Spin } from 'antd';
import { Route, Routes } from 'react-router';
import { AppLayout } from './components/AppLayout';
import { NotFound } from './components/QueryState';
import { RequireRole } from './components/RequireRole';

// One chunk per role, loaded when first visited.
const HallPage = lazy(() => import('./pages/public/HallPage'));
const ChallengeDetailPage = lazy(() => import('./pages/public/ChallengeDetailPage'));
const ResultPage = lazy(() => import('./pages/public/ResultPage'));
const SignInPage = lazy(() => import('./pages/account/SignInPage'));
const RegisterPage = lazy(() => import('./pages/account/RegisterPage'));
const NotificationsPage = lazy(() => import('./pages/account/NotificationsPage'));
const MyChallengesPage = lazy(() => import('./pages/lead/MyChallengesPage'));
const ChallengeFormPage = lazy(() => import('./pages/lead/ChallengeFormPage'));
const LeadChallengePage = lazy(() => import('./pages/lead/LeadChallengePage'));
const ProfilePage = lazy(() => import('./pages/sme/ProfilePage'));
const RecommendationsPage = lazy(() => import('./pages/sme/RecommendationsPage'));
const BidFormPage = lazy(() => import('./pages/sme/BidFormPage'));
const MyBidsPage = lazy(() => import('./pages/sme/MyBidsPage'));
const BidDetailPage = lazy(() => import('./pages/sme/BidDetailPage'));
const AssignmentsPage = lazy(() => import('./pages/reviewer/AssignmentsPage'));
const AssignmentPage = lazy(() => import('./pages/reviewer/AssignmentPage'));
const ReviewersPage = lazy(() => import('./pages/admin/ReviewersPage'));
const ImportPage = lazy(() => import('./pages/admin/ImportPage'));
const ObjectionsPage = lazy(() => import('./pages/admin/ObjectionsPage'));

/** Every page of the portal and the role it is for (PRODUCT.md "Who uses it"). */
export function App() {
  return (
    <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
      <Routes>
        <Route element={<AppLayout />}>
          <Route index element={<HallPage />} />
          <Route path="challenges/:id" element={<ChallengeDetailPage />} />
          <Route path="challenges/:id/result" element={<ResultPage />} />
          <Route path="login" element={<SignInPage />} />
          <Route path="register" element={<RegisterPage />} />
          <Route path="notifications" element={<RequireRole roles={['lead', 'sme', 'reviewer', 'admin']}><NotificationsPage /></RequireRole>} />

          <Route path="lead/challenges" element={<RequireRole roles={['lead']}><MyChallengesPage /></RequireRole>} />
          <Route path="lead/challenges/new" element={<RequireRole roles={['lead']}><ChallengeFormPage /></RequireRole>} />
          <Route path="lead/challenges/:id/edit" element={<RequireRole roles={['lead']}><ChallengeFormPage /></RequireRole>} />
          <Route path="lead/challenges/:id" element={<RequireRole roles={['lead', 'admin']}><LeadChallengePage /></RequireRole>} />

          <Route path="sme/profile" element={<RequireRole roles={['sme']}><ProfilePage /></RequireRole>} />
          <Route path="sme/recommendations" element={<RequireRole roles={['sme']}><RecommendationsPage /></RequireRole>} />
          <Route path="sme/challenges/:challengeId/bid" element={<RequireRole roles={['sme']}><BidFormPage /></RequireRole>} />
          <Route path="sme/bids" element={<RequireRole roles={['sme']}><MyBidsPage /></RequireRole>} />
          <Route path="sme/bids/:id" element={<RequireRole roles={['sme']}><BidDetailPage /></RequireRole>} />
          <Route path="sme/bids/:id/edit" element={<RequireRole roles={['sme']}><BidFormPage /></RequireRole>} />

          <Route path="reviewer/assignments" element={<RequireRole roles={['reviewer', 'admin']}><AssignmentsPage /></RequireRole>} />
          <Route path="reviewer/assignments/:id" element={<RequireRole roles={['reviewer', 'admin']}><AssignmentPage /></RequireRole>} />

          <Route path="admin/reviewers" element={<RequireRole roles={['admin']}><ReviewersPage /></RequireRole>} />
          <Route path="admin/import" element={<RequireRole roles={['admin']}><ImportPage /></RequireRole>} />
          <Route path="admin/objections" element={<RequireRole roles={['admin']}><ObjectionsPage /></RequireRole>} />

          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
