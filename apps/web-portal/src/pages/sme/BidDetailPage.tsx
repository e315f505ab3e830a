// Placeholder: replaced by the real page.
export default function BidDetailPage() {
  return <div>BidDetailPage</div>;
}
