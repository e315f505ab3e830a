// Placeholder: replaced by the real page.
export default function AssignmentsPage() {
  return <div>AssignmentsPage</div>;
}
