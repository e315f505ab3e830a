// Placeholder: replaced by the real page.
export default function ChallengeDetailPage() {
  return <div>ChallengeDetailPage</div>;
}
