// Placeholder: replaced by the real page.
export default function ImportPage() {
  return <div>ImportPage</div>;
}
