// Placeholder: replaced by the real page.
export default function ObjectionsPage() {
  return <div>ObjectionsPage</div>;
}
