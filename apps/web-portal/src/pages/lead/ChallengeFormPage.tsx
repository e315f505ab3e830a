// Placeholder: replaced by the real page.
export default function ChallengeFormPage() {
  return <div>ChallengeFormPage</div>;
}
