// Placeholder: replaced by the real page.
export default function LeadChallengePage() {
  return <div>LeadChallengePage</div>;
}
