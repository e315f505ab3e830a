// Placeholder: replaced by the real page.
export default function MyChallengesPage() {
  return <div>MyChallengesPage</div>;
}
