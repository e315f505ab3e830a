// Placeholder: replaced by the real page.
export default function ReviewersPage() {
  return <div>ReviewersPage</div>;
}
