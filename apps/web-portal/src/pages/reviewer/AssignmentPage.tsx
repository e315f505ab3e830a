// Placeholder: replaced by the real page.
export default function AssignmentPage() {
  return <div>AssignmentPage</div>;
}
