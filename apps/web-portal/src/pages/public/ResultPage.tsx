// Placeholder: replaced by the real page.
export default function ResultPage() {
  return <div>ResultPage</div>;
}
