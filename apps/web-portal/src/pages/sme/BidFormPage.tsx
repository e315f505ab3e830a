// Placeholder: replaced by the real page.
export default function BidFormPage() {
  return <div>BidFormPage</div>;
}
