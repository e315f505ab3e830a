// Placeholder: replaced by the real page.
export default function RecommendationsPage() {
  return <div>RecommendationsPage</div>;
}
